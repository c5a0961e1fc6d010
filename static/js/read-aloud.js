/* Read aloud, on the review letter only: the button appears only when the browser can speak.
   It reads the letter (not the forms) in the page's language, and stops when pressed again. */
(function () {
  "use strict";
  var button = document.querySelector("[data-read-aloud]");
  if (!button || !("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") { return; }
  var letter = document.getElementById(button.getAttribute("data-read-aloud"));
  if (!letter) { return; }
  var startLabel = button.textContent;
  var stopLabel = button.getAttribute("data-stop-label") || startLabel;
  var speaking = false;

  function reset() {
    speaking = false;
    button.textContent = startLabel;
  }

  function letterText() {
    var copy = letter.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("[data-not-read]"), function (node) {
      node.parentNode.removeChild(node);
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  button.addEventListener("click", function () {
    window.speechSynthesis.cancel();
    if (speaking) { reset(); return; }
    var utterance = new window.SpeechSynthesisUtterance(letterText());
    utterance.lang = document.documentElement.getAttribute("lang") || "en";
    utterance.onend = reset;
    utterance.onerror = reset;
    speaking = true;
    button.textContent = stopLabel;
    window.speechSynthesis.speak(utterance);
  });
  button.hidden = false;
}());
