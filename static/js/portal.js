/* Small enhancements only: every page works without this file.
   - Exit this page: the button or Shift pressed three times leaves at once.
   - Idle warning: two minutes before the session ends, offer to stay signed in.
   - Focus the error summary so screen readers hear what went wrong. */
(function () {
  "use strict";
  var body = document.body;
  var exitUrl = body.getAttribute("data-exit-url");
  var exitForm = document.querySelector("form.exit");

  function leave() {
    if (exitForm && navigator.sendBeacon) {
      navigator.sendBeacon(exitForm.action);
    }
    document.title = "";
    body.innerHTML = "";
    window.location.replace(exitUrl);
  }

  if (exitForm && exitUrl) {
    exitForm.addEventListener("submit", function (event) {
      event.preventDefault();
      leave();
    });
    var shiftPresses = 0;
    var shiftTimer = null;
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") { return; }
      shiftPresses += 1;
      clearTimeout(shiftTimer);
      shiftTimer = setTimeout(function () { shiftPresses = 0; }, 5000);
      if (shiftPresses >= 3) { leave(); }
    });
  }

  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  var idleMinutes = parseFloat(body.getAttribute("data-idle-minutes"));
  var warnMinutes = parseFloat(body.getAttribute("data-warn-minutes"));
  var dialog = document.getElementById("idle-warning");
  if (idleMinutes && dialog && typeof dialog.showModal === "function") {
    var timer = null;
    var schedule = function () {
      clearTimeout(timer);
      timer = setTimeout(function () { dialog.showModal(); }, (idleMinutes - warnMinutes) * 60000);
    };
    dialog.querySelector("[data-stay]").addEventListener("click", function () {
      var request = new XMLHttpRequest();
      request.open("POST", body.getAttribute("data-keep-alive"));
      request.setRequestHeader("X-CSRFToken", body.getAttribute("data-csrf"));
      request.send();
      dialog.close();
      schedule();
    });
    schedule();
  }
}());
