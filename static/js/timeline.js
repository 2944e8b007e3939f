// Monitor Timeline's own script (no inline handlers, so a strict Content-Security-Policy holds).
// Without JavaScript every control is a plain link or GET form.
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
})();
