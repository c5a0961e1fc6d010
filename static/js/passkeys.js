/* Passkeys: shown only where the browser can use them; the password form never needs this file.
   On "Add a passkey" or "Sign in with a passkey": ask the server for a challenge, let the phone or
   computer unlock a passkey (fingerprint, face or screen lock), then send its answer with the form. */
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !navigator.credentials || !window.fetch) { return; }

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    var binary = atob(base64 + "===".slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) { bytes[i] = binary.charCodeAt(i); }
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i += 1) { binary += String.fromCharCode(bytes[i]); }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function withIds(list) {
    return (list || []).map(function (item) { return Object.assign({}, item, {id: toBytes(item.id)}); });
  }

  function answer(credential) {
    var response = credential.response;
    var json = {id: credential.id, rawId: toText(credential.rawId), type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null, clientExtensionResults: {},
      response: {clientDataJSON: toText(response.clientDataJSON)}};
    if (response.attestationObject) {
      json.response.attestationObject = toText(response.attestationObject);
      json.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      json.response.authenticatorData = toText(response.authenticatorData);
      json.response.signature = toText(response.signature);
      json.response.userHandle = response.userHandle ? toText(response.userHandle) : null;
    }
    return JSON.stringify(json);
  }

  function ask(form, options) {
    if (options.user) {
      options.challenge = toBytes(options.challenge);
      options.user.id = toBytes(options.user.id);
      options.excludeCredentials = withIds(options.excludeCredentials);
      return navigator.credentials.create({publicKey: options});
    }
    options.challenge = toBytes(options.challenge);
    options.allowCredentials = withIds(options.allowCredentials);
    return navigator.credentials.get({publicKey: options});
  }

  function enhance(box) {
    var form = box.querySelector("form");
    var problem = box.querySelector("[data-passkey-problem]");
    var credential = form.querySelector("input[name=credential]");
    var busy = false;
    box.hidden = false;
    // The button is type="button" (without this script it is hidden); Enter in the name field submits too.
    form.addEventListener("submit", function (event) {
      if (!credential.value) { event.preventDefault(); start(); }
    });
    box.querySelector("[data-passkey-start]").addEventListener("click", start);

    function start() {
      if (busy) { return; }
      busy = true;
      if (problem) { problem.hidden = true; }
      fetch(form.getAttribute("data-options"), {method: "POST", credentials: "same-origin", body: new FormData(form),
        headers: {"X-CSRFToken": form.querySelector("input[name=csrf_token]").value}})
        .then(function (response) {
          return response.json().then(function (data) {
            if (!response.ok) { throw {words: data.problem}; }
            return data;
          });
        })
        .then(function (options) { return ask(form, options); })
        .then(function (result) {
          credential.value = answer(result);
          form.submit();
        })
        .catch(function (error) {
          busy = false;
          if (!problem) { return; }
          // The server's own words (a wrong password), or the page's: the device made no passkey.
          if (!problem.getAttribute("data-default")) { problem.setAttribute("data-default", problem.textContent); }
          problem.textContent = (error && error.words) || problem.getAttribute("data-default");
          problem.hidden = false;
        });
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-passkey-sign-in], [data-passkey-add]"), enhance);
  Array.prototype.forEach.call(document.querySelectorAll("[data-passkey-unsupported]"), function (note) {
    note.hidden = true;
  });
}());
