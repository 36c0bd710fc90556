// The practice page: a countdown beside the answer editor, a live word count, Ctrl/Cmd+Enter
// to submit. The page works without it: the limit is printed, the server times the answer and
// the buttons submit or save the draft. Autosave itself is htmx (see _answer_form.html).
(function () {
  "use strict";

  function clock(seconds) {
    var s = Math.abs(Math.round(seconds));
    var m = Math.floor(s / 60);
    var rest = s % 60;
    return m + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function startTimer(box) {
    var limit = parseInt(box.getAttribute("data-limit"), 10) || 0;
    var before = parseInt(box.getAttribute("data-elapsed"), 10) || 0;
    var display = box.querySelector("[data-timer-display]");
    var note = box.querySelector("[data-timer-note]");
    var loaded = Date.now();
    function tick() {
      var spent = before + (Date.now() - loaded) / 1000;
      var left = limit - spent;
      if (left >= 0) {
        display.textContent = clock(left);
        note.textContent = "left of " + Math.round(limit / 60) + " min";
      } else {
        display.textContent = "+" + clock(left);
        note.textContent = "over the " + Math.round(limit / 60) + " min limit: wrap up";
      }
      box.classList.toggle("is-nearly", left >= 0 && left < Math.min(60, limit * 0.15));
      box.classList.toggle("is-over", left < 0);
    }
    tick();
    window.setInterval(tick, 1000);
  }

  function countWords(area, out) {
    function update() {
      var words = (area.value.match(/[A-Za-z0-9\u00C0-\u024F'’-]+/g) || []).length;
      out.textContent = words + (words === 1 ? " word" : " words") + " ·";
    }
    area.addEventListener("input", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector(".answer-form");
    if (!form) return;
    var box = form.querySelector("[data-timer]");
    if (box) startTimer(box);
    var area = form.querySelector("textarea[name=answer]");
    var out = form.querySelector("[data-word-count]");
    if (area && out) countWords(area, out);
    var submitting = false;
    form.addEventListener("submit", function () {
      submitting = true;
    });
    // Once the answer is on its way, no autosave may follow it.
    form.addEventListener("htmx:beforeRequest", function (event) {
      if (submitting) event.preventDefault();
    });
    if (area) {
      area.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          var button = form.querySelector("button[value=submit]");
          if (button) button.click();
        }
      });
    }
  });
})();
