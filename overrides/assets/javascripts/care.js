/* 践诺: the 关怀版 switch (larger type, higher contrast, bigger tap targets),
   keyboard access to tables that scroll sideways, and the hint
   「左右滑动查看更多列」 above those that do.

   The reader's choice is kept in localStorage under "jn-care" ("1" or "0").
   An inline script in <head> (overrides/main.html) applies it before the first
   paint by putting the class "jn-care" on <html>, and care.css shows the
   button's label that fits (「关怀版」 or 「退出关怀版」); this script wires the
   button in the header, keeps its tooltip in step, and follows a change made
   in another tab. Without JavaScript the button is never shown. */
(function () {
  "use strict";
  var KEY = "jn-care";
  var root = document.documentElement;
  var buttons = document.querySelectorAll("[data-jn-care-toggle]");

  function show(on) {
    root.classList.toggle("jn-care", on);
    buttons.forEach(function (button) {
      button.title = on ? "恢复标准字号和颜色" : "放大字号，加深颜色，加大按钮";
    });
  }

  function save(on) {
    try {
      localStorage.setItem(KEY, on ? "1" : "0");
    } catch (e) {
      /* Storage refused (private mode): the choice holds for this page only. */
    }
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var on = !root.classList.contains("jn-care");
      show(on);
      save(on);
      later();
    });
  });
  show(root.classList.contains("jn-care"));

  window.addEventListener("storage", function (event) {
    if (event.key === KEY) {
      show(event.newValue === "1");
      scrollers();
      hints();
    }
  });

  /* A table too wide for the screen scrolls sideways inside its wrapper
     (Material wraps the tables of Markdown pages). A keyboard user can only
     scroll it if it can take focus (axe-core: scrollable-region-focusable),
     so a wrapper that overflows becomes a named, focusable region; one that
     fits again, for example after 关怀版 is switched off, gives that up. */
  var SCROLLERS = ".md-typeset__scrollwrap, .md-typeset table:not([class]), .jn-table-wrap";

  /* The region is named after the table's caption or the heading above it,
     so that each one is told apart (axe-core: landmark-unique). */
  function title(element) {
    var caption = element.querySelector("caption");
    if (caption) {
      return caption.textContent.trim();
    }
    for (var node = element; node && !node.matches(".md-content__inner"); node = node.parentElement) {
      for (var before = node.previousElementSibling; before; before = before.previousElementSibling) {
        if (/^H[1-6]$/.test(before.tagName)) {
          return before.textContent.replace(/[¶#]\s*$/, "").trim();
        }
      }
    }
    return "";
  }

  function scrollers() {
    var used = {};
    document.querySelectorAll(SCROLLERS).forEach(function (element) {
      if (element.matches("table") && element.closest(".md-typeset__scrollwrap")) {
        return; /* its wrapper is the one that scrolls */
      }
      var wide = element.scrollWidth > element.clientWidth + 1;
      var ours = element.hasAttribute("data-jn-scroller");
      if (wide && (ours || !element.hasAttribute("tabindex"))) {
        var name = title(element);
        var label = "表格" + (name ? "：" + name : "") + "（可左右滑动）";
        used[label] = (used[label] || 0) + 1;
        element.setAttribute("tabindex", "0");
        element.setAttribute("role", "region");
        element.setAttribute("aria-label", used[label] > 1 ? label + " " + used[label] : label);
        element.setAttribute("data-jn-scroller", "");
      } else if (!wide && ours) {
        element.removeAttribute("tabindex");
        element.removeAttribute("role");
        element.removeAttribute("aria-label");
        element.removeAttribute("data-jn-scroller");
      }
    });
  }

  /* 「左右滑动查看更多列」 stands just before the box that scrolls, and is
     shown while that box is too narrow for its table (jiannuo.css). */
  function hints() {
    document.querySelectorAll("[data-jn-scroll-hint]").forEach(function (hint) {
      var box = hint.nextElementSibling;
      var wide = !!box && box.scrollWidth > box.clientWidth + 1;
      hint.setAttribute("data-jn-wide", wide ? "true" : "false");
    });
  }

  var pending = 0;
  function later() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () {
      scrollers();
      hints();
    });
  }
  window.addEventListener("resize", later);
  if (document.readyState === "complete") {
    later();
  } else {
    window.addEventListener("load", later);
  }
})();
