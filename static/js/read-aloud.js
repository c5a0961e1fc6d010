/* Read aloud: the button appears only when the device has a voice for the page's language, so Arabic
   is never read with an English voice. `data-read-aloud="letter"` reads that element (not the parts
   marked data-not-read); an empty value reads the question's [data-speak] parts. Pressed again, it stops. */
(function () {
  "use strict";
  var button = document.querySelector("[data-read-aloud]");
  if (!button || !("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") { return; }
  var synth = window.speechSynthesis;
  var lang = (document.documentElement.getAttribute("lang") || "en").toLowerCase();
  var target = button.getAttribute("data-read-aloud");
  var startLabel = button.textContent;
  var stopLabel = button.getAttribute("data-stop-label") || startLabel;
  var speaking = false;
  var voice = null;

  function voiceForPage() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i += 1) {
      var code = String(voices[i].lang || "").toLowerCase().replace("_", "-");
      if (code === lang || code.indexOf(lang + "-") === 0) { return voices[i]; }
    }
    return null;
  }

  function offer() {
    voice = voiceForPage();
    button.hidden = !voice;
  }

  function reset() {
    speaking = false;
    button.textContent = startLabel;
  }

  function words() {
    if (target) {
      var element = document.getElementById(target);
      if (!element) { return ""; }
      var copy = element.cloneNode(true);
      Array.prototype.forEach.call(copy.querySelectorAll("[data-not-read]"), function (node) {
        node.parentNode.removeChild(node);
      });
      return copy.textContent.replace(/\s+/g, " ").trim();
    }
    return Array.prototype.map.call(document.querySelectorAll("[data-speak]"), function (element) {
      return element.textContent.replace(/\s+/g, " ").trim();
    }).join(". ");
  }

  button.addEventListener("click", function () {
    synth.cancel();
    if (speaking || !voice) { reset(); return; }
    var utterance = new window.SpeechSynthesisUtterance(words());
    utterance.lang = voice.lang || lang;
    try { utterance.voice = voice; } catch (ignore) { /* a voice the page cannot set: the language still chooses */ }
    utterance.onend = reset;
    utterance.onerror = reset;
    speaking = true;
    button.textContent = stopLabel;
    synth.speak(utterance);
  });
  // Voices often load after the page: look again when the browser says they have changed.
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", offer);
  } else {
    synth.onvoiceschanged = offer;
  }
  offer();
}());
