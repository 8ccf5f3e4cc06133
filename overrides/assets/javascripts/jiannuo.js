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
  var unknown = document.getElementById("filter-unknown");
  var toggle = document.getElementById("filters-toggle");
  var FIELDS = ["unit", "status", "category", "year"];
  var CHECKS = ["overdue", "stale"];
  var NAMES = FIELDS.concat(CHECKS, ["sort"]);

  function label(name) {
    var field = form.elements[name];
    var element = document.querySelector("label[for='" + field.id + "']");
    return element ? element.textContent.trim() : name;
  }

  function allowed(name, value) {
    if (!value) { return true; }
    var field = form.elements[name];
    if (field.type === "checkbox") { return value === field.value; }
    return Array.prototype.some.call(field.options, function (option) { return option.value === value; });
  }

  /* The filters the URL asks for; a value no filter has (a mistyped or
     outdated link) is set aside and named, never applied as an empty list. */
  function state() {
    var params = new URLSearchParams(window.location.search);
    var wanted = {};
    var odd = [];
    NAMES.forEach(function (name) {
      var value = params.get(name) || "";
      if (allowed(name, value)) {
        wanted[name] = value;
      } else {
        wanted[name] = "";
        odd.push(label(name) + "「" + value + "」");
      }
    });
    unknown.hidden = odd.length === 0;
    document.getElementById("filter-unknown-list").textContent = odd.join("、");
    return wanted;
  }

  function show(wanted) {
    FIELDS.concat(["sort"]).forEach(function (name) { form.elements[name].value = wanted[name]; });
    CHECKS.forEach(function (name) { form.elements[name].checked = wanted[name] === "1"; });
  }

  function matches(row, wanted) {
    var data = row.dataset;
    return FIELDS.every(function (name) { return !wanted[name] || data[name] === wanted[name]; }) &&
      CHECKS.every(function (name) { return wanted[name] !== "1" || data[name] === "1"; });
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
    document.querySelectorAll(".jn-totals [data-overdue] .jn-totals__count").forEach(function (item) {
      item.textContent = overdue;
    });
    /* No-break spaces keep each number with its unit. */
    count.textContent = "显示 " + shown.length + " / " + rows.length + "\u00a0项承诺，其中已逾期 " + overdue + "\u00a0项。";
    empty.hidden = shown.length > 0;
    var active = NAMES.filter(function (name) { return name !== "sort" && wanted[name]; }).length;
    document.getElementById("filters-active").textContent = active ? "（已选 " + active + "\u00a0项）" : "";
  }

  function read() {
    var wanted = {};
    FIELDS.concat(["sort"]).forEach(function (name) { wanted[name] = form.elements[name].value; });
    CHECKS.forEach(function (name) { wanted[name] = form.elements[name].checked ? "1" : ""; });
    return wanted;
  }

  function url(wanted) {
    var params = new URLSearchParams();
    FIELDS.concat(CHECKS, ["sort"]).forEach(function (name) {
      if (wanted[name]) { params.set(name, wanted[name]); }
    });
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  function changed() {
    var wanted = read();
    history.replaceState(null, "", url(wanted));
    unknown.hidden = true;
    apply(wanted);
  }

  /* On a phone the filters fold away behind one button (jiannuo.css), so
     that the first pledge is on the first screen. */
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    form.classList.toggle("jn-filters--open", open);
  });

  /* A tile of the totals filters the list in place, keeping the other filters. */
  document.querySelectorAll(".jn-totals__link").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var item = link.parentElement;
      if (item.dataset.status) {
        form.elements.status.value = item.dataset.status;
      } else {
        form.elements.overdue.checked = true;
      }
      event.preventDefault();
      changed();
    });
  });

  form.hidden = false;
  toggle.hidden = false;
  var initial = state();
  show(initial);
  apply(initial);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
})();
