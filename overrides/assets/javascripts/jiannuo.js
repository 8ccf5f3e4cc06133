/* 践诺: copy buttons for citations and embed codes. Without JavaScript the
   buttons stay hidden and the texts remain selectable. */
(function () {
  "use strict";
  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-jn-copy"));
    if (!source || !navigator.clipboard) { return; }
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      var label = button.textContent;
      button.textContent = "已复制";
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  }
  document.querySelectorAll("button[data-jn-copy]").forEach(function (button) {
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
