/* Have your say, enhanced: a character counter, saving while typing, and reading the question aloud.
   The page works fully without this file. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form) { return; }
  var lang = document.documentElement.lang;

  // Character counter, in the page's language (numbers formatted by the browser).
  var counter = document.querySelector("[data-counter-for]");
  var area = counter && document.getElementById(counter.getAttribute("data-counter-for"));
  var limit = area ? parseInt(area.getAttribute("data-limit"), 10) : 0;
  function updateCounter() {
    if (!area) { return; }
    var left = limit - area.value.length;
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

  // Read aloud with the browser's own voice in the page's language, where there is one.
  var button = document.querySelector("[data-read-aloud]");
  if (button && "speechSynthesis" in window) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var words = Array.prototype.map.call(document.querySelectorAll("[data-speak]"), function (element) {
        return element.textContent.trim();
      }).join(". ");
      window.speechSynthesis.cancel();
      var utterance = new SpeechSynthesisUtterance(words);
      utterance.lang = lang;
      window.speechSynthesis.speak(utterance);
    });
  }
}());
