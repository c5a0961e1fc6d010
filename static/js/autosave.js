/* Saving a long form while staff type (the review letter and its corrections).
   Progressive enhancement: without this file the "Save" button saves, as always.
   A few seconds after typing stops, the form is posted (with its CSRF token) as action=autosave;
   the reply (JSON) gives the new version number, which goes into the form so that the next save
   is not mistaken for someone else's, and a sentence for the "last saved" line.
   If a save by hand is pressed while the page is saving itself, it waits for that to finish. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-json]");
  if (!form) { return; }
  var versionField = form.querySelector("input[name='" + form.getAttribute("data-autosave-json") + "']");
  var status = document.querySelector("[data-autosave-status]");
  var delay = parseInt(form.getAttribute("data-autosave-delay") || "3000", 10);
  var timer = null;
  var saving = null;   // the request in flight, if any
  var changed = false; // typed since the last save
  var stopped = false; // someone else saved, or the letter was published: saving by hand shows what to do
  var pressed = null;  // the button pressed while a save was in flight

  function say(text) { if (status && text) { status.textContent = text; } }

  function autosave() {
    if (stopped || saving) { return; }
    var data = new FormData(form);
    data.set("action", "autosave");
    changed = false;
    saving = new XMLHttpRequest();
    saving.open("POST", form.getAttribute("action") || window.location.pathname);
    saving.setRequestHeader("Accept", "application/json");
    saving.onloadend = function () {
      var request = saving;
      saving = null;
      var reply = {};
      try { reply = JSON.parse(request.responseText || "{}"); } catch (error) { reply = {}; }
      // Signed out meanwhile, the request ends on the sign-in page: that is not a save (the typing is kept
      // for this page by the server, and saving by hand signs in and gives it back).
      if (request.status === 200 && reply.version) {
        if (versionField) { versionField.value = String(reply.version); }
        say(reply.message);
      } else {
        changed = true;
        if (request.status === 409) { stopped = true; }
        say(reply.message || status && status.getAttribute("data-failed"));
      }
      if (pressed) { var button = pressed; pressed = null; form.requestSubmit ? form.requestSubmit(button) : button.click(); return; }
      if (changed && !stopped) { schedule(); }
    };
    saving.send(data);
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(autosave, delay);
  }

  form.addEventListener("input", function () { changed = true; schedule(); });
  form.addEventListener("submit", function (event) {
    clearTimeout(timer);
    if (saving) { // wait for the page's own save, then send this one with the new version
      event.preventDefault();
      pressed = event.submitter || form.querySelector("button[type=submit]");
    }
  });
}());
