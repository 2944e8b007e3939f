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
})();
