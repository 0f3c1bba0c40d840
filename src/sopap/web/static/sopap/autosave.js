/* The editor keeps what is typed: it saves the draft a few seconds after typing stops (through the same
   save and version check as "Simpan draf"), and warns before leaving the page with changes not saved.
   A save the server refuses because the draft changed meanwhile (409) is never retried over it: the form
   is posted the ordinary way instead, so that the page shows what changed with the user's text kept. */
(function () {
  "use strict";
  var form = document.getElementById("editor");
  if (!form) return;
  var state = form.querySelector("[data-autosave-state]");
  var versi = form.querySelector("input[name=versi]");
  // data-autosave-delay (ms) lets a page, or a test of the leave warning, wait longer before saving.
  var DELAY_MS = 3000;
  var enabled = form.dataset.autosave === "on";
  var dirty = form.hasAttribute("data-unsaved");
  var generation = 0;
  var timer = null;
  var inFlight = false;
  var leaving = false;
  var pendingSubmit = null;

  function say(key, detail) {
    if (!state) return;
    var text = state.dataset[key] || "";
    state.textContent = text.replace("{waktu}", detail || "") + (key === "failed" && detail ? " " + detail : "");
    state.dataset.state = key;
  }

  function schedule() {
    if (!enabled) return;
    clearTimeout(timer);
    timer = setTimeout(save, parseInt(form.dataset.autosaveDelay, 10) || DELAY_MS);
  }

  function changed() {
    dirty = true;
    generation += 1;
    if (enabled) say("dirty");
    schedule();
  }

  function stop(key, detail) {
    enabled = false;
    clearTimeout(timer);
    say(key, detail);
  }

  function finished() {
    inFlight = false;
    if (pendingSubmit !== null) {
      var submitter = pendingSubmit;
      pendingSubmit = null;
      leaving = true;
      if (submitter && form.requestSubmit) form.requestSubmit(submitter); else form.submit();
    }
  }

  function save() {
    if (!enabled || !dirty) return;
    if (inFlight) { schedule(); return; }
    inFlight = true;
    var sent = generation;
    say("saving");
    fetch(form.action || window.location.href, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Sopap-Autosave": "1" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      if (result.status === 200) {
        versi.value = String(result.data.versi);
        if (generation === sent) {
          dirty = false;
          say("saved", result.data.waktu);
        } else {
          schedule();  // typed on while the save was on its way
        }
        finished();
      } else if (result.status === 409) {
        inFlight = false;
        pendingSubmit = null;
        stop("conflict");
        leaving = true;
        form.submit();  // the ordinary refusal: what changed, beside the user's text
      } else {
        stop("failed", result.data && result.data.pesan);
        finished();
      }
    }).catch(function () {
      say("offline");
      inFlight = false;
      if (pendingSubmit !== null) finished(); else schedule();
    });
  }

  // Not "change": it follows "input" when the field loses focus (clicking a link), and would mark a saved
  // page as changed again. Every field of the editor sends "input", selects and dates included.
  form.addEventListener("input", changed);
  form.addEventListener("sop:changed", changed);

  form.addEventListener("submit", function (event) {
    clearTimeout(timer);
    if (inFlight) {
      // Wait for the autosave on its way: its new version must go with this save, or it would refuse itself.
      event.preventDefault();
      pendingSubmit = event.submitter || false;
      return;
    }
    leaving = true;
  });

  window.addEventListener("beforeunload", function (event) {
    if (!dirty || leaving) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // A link inside the app asks in words of its own (the browser's leave-page dialog says nothing specific).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || !dirty || leaving || event.defaultPrevented) return;
    if (link.target === "_blank" || link.hasAttribute("download") || link.getAttribute("href").charAt(0) === "#") return;
    if (window.confirm(form.dataset.leaveWarning)) {
      leaving = true;
    } else {
      event.preventDefault();
    }
  });
})();
