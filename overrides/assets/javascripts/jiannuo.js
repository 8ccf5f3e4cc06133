/* 践诺: copy buttons, and the filters of the pledge list. Everything here
   is an enhancement: without JavaScript the buttons and filters stay hidden,
   texts remain selectable and the pledge list is the full table. */
(function () {
  "use strict";

  /* -- Copy buttons ------------------------------------------------------ */

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-jn-copy"));
    if (!source) { return; }
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

  /* -- Filters: every state is a URL that opens with the same filters ----- */

  var form = document.getElementById("filters");
  if (!form) { return; }
  var table = document.querySelector(".jn-table tbody");
  var rows = Array.prototype.slice.call(table.rows);
  var count = document.getElementById("filter-count");
  var empty = document.getElementById("filter-empty");
  var FIELDS = ["unit", "status", "category", "year"];

  function state() {
    var params = new URLSearchParams(window.location.search);
    var wanted = {};
    FIELDS.concat(["sort", "overdue"]).forEach(function (name) {
      wanted[name] = params.get(name) || "";
    });
    return wanted;
  }

  function show(wanted) {
    FIELDS.forEach(function (name) { form.elements[name].value = wanted[name]; });
    form.elements.sort.value = wanted.sort;
    form.elements.overdue.checked = wanted.overdue === "1";
  }

  function matches(row, wanted) {
    var data = row.dataset;
    return FIELDS.every(function (name) { return !wanted[name] || data[name] === wanted[name]; }) &&
      (wanted.overdue !== "1" || data.overdue === "1");
  }

  function order(wanted) {
    var sorted = rows.slice();
    if (wanted.sort === "deadline" || wanted.sort === "-deadline") {
      var sign = wanted.sort === "deadline" ? 1 : -1;
      /* Array sort is stable: pledges with the same deadline keep the order of the list. */
      sorted.sort(function (a, b) {
        return sign * a.dataset.deadline.localeCompare(b.dataset.deadline);
      });
    }
    sorted.forEach(function (row) { table.appendChild(row); });
  }

  function apply(wanted) {
    var shown = rows.filter(function (row) {
      var visible = matches(row, wanted);
      row.hidden = !visible;
      return visible;
    });
    order(wanted);
    document.querySelectorAll(".jn-totals [data-status]").forEach(function (item) {
      item.querySelector(".jn-totals__count").textContent = shown.filter(function (row) {
        return row.dataset.status === item.dataset.status;
      }).length;
    });
    var overdue = shown.filter(function (row) { return row.dataset.overdue === "1"; }).length;
    count.textContent = "显示 " + shown.length + " / " + rows.length + " 项承诺，其中已逾期 " + overdue + " 项。";
    empty.hidden = shown.length > 0;
  }

  function read() {
    var wanted = {};
    FIELDS.concat(["sort"]).forEach(function (name) { wanted[name] = form.elements[name].value; });
    wanted.overdue = form.elements.overdue.checked ? "1" : "";
    return wanted;
  }

  function url(wanted) {
    var params = new URLSearchParams();
    FIELDS.concat(["overdue", "sort"]).forEach(function (name) {
      if (wanted[name]) { params.set(name, wanted[name]); }
    });
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  form.hidden = false;
  var initial = state();
  show(initial);
  apply(initial);
  form.addEventListener("change", function () {
    var wanted = read();
    history.replaceState(null, "", url(wanted));
    apply(wanted);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
})();
