// The one piece htmx cannot do: start with the filter panel folded on narrow screens.
// Without JavaScript the panel simply stays open.
document.addEventListener("DOMContentLoaded", function () {
  var panel = document.getElementById("filter-panel");
  if (panel && window.matchMedia("(max-width: 52rem)").matches) {
    panel.open = false;
  }
});
