// Live preview of "Date as text" in the event admin: the interval it gives, read against this event's issue
// date. A static file (the Content-Security-Policy allows no inline script); the URL and the event come from
// the data attributes of the <script> tag that loads it.
(function () {
  var script = document.currentScript;
  var input = document.getElementById("id_date_entry");
  if (!input || !script) return;
  var url = script.dataset.url;
  var eventId = script.dataset.event;
  var out = document.createElement("p");
  out.id = "date-entry-preview";
  out.className = "help";
  out.setAttribute("aria-live", "polite");
  input.parentNode.appendChild(out);
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (!text) { out.textContent = ""; return; }
    timer = setTimeout(function () {
      fetch(url + "?event=" + encodeURIComponent(eventId) + "&text=" + encodeURIComponent(text),
            {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (data) {
          out.textContent = data.interval ? "→ " + data.interval : data.error;
          out.classList.toggle("date-entry-error", !data.interval);
        })
        .catch(function () { out.textContent = ""; });
    }, 250);
  });
})();
