/* Have your say, enhanced: a character counter and saving while typing (reading aloud: read-aloud.js).
   The page works fully without this file. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form) { return; }
  var lang = document.documentElement.lang;

  // Character counter, in the page's language (numbers formatted by the browser), shown only near the
  // limit so it does not push the question off a small screen; the server enforces the limit anyway.
  var NEAR = 500;
  var counter = document.querySelector("[data-counter-for]");
  var area = counter && document.getElementById(counter.getAttribute("data-counter-for"));
  var limit = area ? parseInt(area.getAttribute("data-limit"), 10) : 0;
  function updateCounter() {
    if (!area) { return; }
    var left = limit - area.value.length;
    counter.hidden = left > NEAR;
    if (counter.hidden) { return; }
    var words = counter.getAttribute(left < 0 ? "data-over" : "data-left");
    counter.textContent = words.replace("{n}", new Intl.NumberFormat(lang).format(Math.abs(left)));
    counter.classList.toggle("counter--over", left < 0);
  }

  // Save while typing, so nothing is lost if the phone dies; the Save button still saves too.
  var timer = null;
  function autosave() {
    var data = new FormData(form);
    data.set("action", "autosave");
    var request = new XMLHttpRequest();
    request.open("POST", form.getAttribute("action") || window.location.pathname + window.location.search);
    request.send(data);
  }
  form.addEventListener("input", function () {
    updateCounter();
    clearTimeout(timer);
    timer = setTimeout(autosave, 2000);
  });
  form.addEventListener("submit", function () { clearTimeout(timer); });
  updateCounter();
}());
