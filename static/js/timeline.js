// Monitor Timeline's own script (no inline handlers, so a strict Content-Security-Policy holds).
// Without JavaScript every control is a plain link or GET form; this only makes the htmx version
// behave like one: history that restores what the user saw, and focus that stays put.
(function () {
  "use strict";

  // Start with the filter panel folded on narrow screens.
  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("filter-panel");
    if (panel && window.matchMedia("(max-width: 52rem)").matches) {
      panel.open = false;
    }
  });

  // Typing in the actor finder must not submit the filter form (it only fetches suggestions).
  document.addEventListener("change", function (event) {
    if (event.target && event.target.matches && event.target.matches("[data-stop-change]")) {
      event.stopPropagation();
    }
  }, true);

  // htmx keeps a copy of the page's HTML for Back/Forward; what the user ticked, typed or chose lives in
  // properties, not attributes, and would be lost: write it into the attributes before each copy.
  document.addEventListener("htmx:beforeHistorySave", function () {
    document.querySelectorAll("form input, form select, form textarea").forEach(function (field) {
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) { field.setAttribute("checked", ""); } else { field.removeAttribute("checked"); }
      } else if (field.tagName === "SELECT") {
        Array.prototype.forEach.call(field.options, function (option) {
          if (option.selected) { option.setAttribute("selected", ""); } else { option.removeAttribute("selected"); }
        });
      } else if (field.tagName === "TEXTAREA") {
        field.textContent = field.value;
      } else if (field.type !== "password" && field.type !== "file") {
        field.setAttribute("value", field.value);
      }
    });
    var panel = document.getElementById("filter-panel");
    if (panel) {
      if (panel.open) { panel.setAttribute("open", ""); } else { panel.removeAttribute("open"); }
    }
  });

  // The URL is the state. htmx's copy of a page is taken as the user leaves it, after their last tick:
  // when Back/Forward brings a copy back, set every filter field from the address.
  function syncFormToUrl() {
    var form = document.getElementById("filters");
    if (!form) { return; }
    var params = new URLSearchParams(location.search);
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.type === "submit" || field.name === "actor_q") { return; }
      var values = params.getAll(field.name);
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = values.indexOf(field.value) !== -1;
        if (field.checked) { field.setAttribute("checked", ""); } else { field.removeAttribute("checked"); }
      } else if (field.tagName === "SELECT") {
        field.value = values[0] || "";
      } else {
        field.value = values[0] || "";
      }
    });
  }
  document.addEventListener("htmx:historyRestore", syncFormToUrl);
  window.addEventListener("pageshow", syncFormToUrl);  // a page from the browser's own back-forward cache

  // "Show N events" on a phone: go to the results and put the keyboard focus on their heading.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-focus-target]") : null;
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("data-focus-target"));
    if (target) {
      event.preventDefault();
      target.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    }
  });

  // The time axis: drag across bars (or Shift+arrow keys, then Enter) to choose a range of dates, which
  // becomes the date filter. Plain clicks and Enter on one bar follow its link (zoom into that period).
  var drag = null;
  var suppressClick = false;
  var keyAnchor = null;

  function bars(svg) { return Array.prototype.slice.call(svg.querySelectorAll("a.bar")); }

  function barOf(target) {
    return target && target.closest ? target.closest("svg.time-axis a.bar") : null;
  }

  function mark(svg, from, to) {
    var all = bars(svg);
    var i = all.indexOf(from), j = all.indexOf(to);
    var lo = Math.min(i, j), hi = Math.max(i, j);
    all.forEach(function (bar, k) { bar.classList.toggle("brushed", k >= lo && k <= hi && lo !== hi); });
    return all.slice(lo, hi + 1);
  }

  function choose(range) {
    var start = range[0].getAttribute("data-start");
    var end = range[range.length - 1].getAttribute("data-end");
    var form = document.getElementById("filters");
    if (form && form.elements.date_from && form.elements.date_to) {
      form.elements.date_from.value = start;
      form.elements.date_to.value = end;
      form.requestSubmit();
    } else {
      var params = new URLSearchParams(location.search);
      params.set("date_from", start);
      params.set("date_to", end);
      params.delete("after"); params.delete("shown"); params.delete("axis");
      location.search = params.toString();
    }
  }

  document.addEventListener("dragstart", function (event) {
    if (barOf(event.target)) { event.preventDefault(); }
  });
  document.addEventListener("pointerdown", function (event) {
    var bar = barOf(event.target);
    if (bar && event.button === 0) { drag = { svg: bar.closest("svg"), from: bar, to: bar }; }
  });
  document.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    var under = barOf(document.elementFromPoint(event.clientX, event.clientY));
    if (under && under !== drag.to && under.closest("svg") === drag.svg) {
      drag.to = under;
      mark(drag.svg, drag.from, drag.to);
    }
  });
  document.addEventListener("pointerup", function () {
    if (!drag) { return; }
    var done = drag;
    drag = null;
    if (done.to !== done.from) {
      suppressClick = true;
      choose(mark(done.svg, done.from, done.to));
    }
  });
  document.addEventListener("click", function (event) {
    if (suppressClick && barOf(event.target)) {
      suppressClick = false;
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  document.addEventListener("keydown", function (event) {
    var bar = barOf(event.target);
    if (!bar) { return; }
    var svg = bar.closest("svg");
    var all = bars(svg);
    var index = all.indexOf(bar);
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      var next = all[index + (event.key === "ArrowRight" ? 1 : -1)];
      if (!next) { return; }
      event.preventDefault();
      if (event.shiftKey) {
        keyAnchor = keyAnchor || bar;
        mark(svg, keyAnchor, next);
      } else {
        keyAnchor = null;
        mark(svg, next, next);
      }
      next.focus();
    } else if (event.key === "Enter" && keyAnchor && keyAnchor !== bar) {
      event.preventDefault();
      event.stopPropagation();
      var range = mark(svg, keyAnchor, bar);
      keyAnchor = null;
      choose(range);
    } else if (event.key === "Escape" && keyAnchor) {
      keyAnchor = null;
      mark(svg, bar, bar);
    }
  }, true);
})();
