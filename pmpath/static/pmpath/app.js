// pmpath's page behaviour. Loaded as a file (never inline) so a strict content security policy
// can forbid inline scripts. Every page works without it.
(function () {
  "use strict";

  // Close an open <details class="dropdown"> when clicking elsewhere.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.dropdown[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
    } catch (e) {
      return "";
    }
  }

  function bump(column, delta) {
    var count = column && column.querySelector("[data-count]");
    if (count) count.textContent = String(Math.max(0, parseInt(count.textContent, 10) + delta));
  }

  // The application board: drag a card between columns (SortableJS). The same move is
  // available without JavaScript through each card's stage menu.
  function initBoard(board) {
    if (!window.Sortable) return;
    var template = board.getAttribute("data-move-url");
    board.querySelectorAll("ol.cards").forEach(function (list) {
      window.Sortable.create(list, {
        group: "applications",
        animation: 120,
        filter: "select, button, option",
        preventOnFilter: false,
        onEnd: function (evt) {
          if (evt.from === evt.to && evt.oldIndex === evt.newIndex) return;
          var card = evt.item;
          var body = new URLSearchParams({ stage: evt.to.getAttribute("data-stage") });
          var next = card.nextElementSibling;
          if (next && next.getAttribute("data-id")) body.set("before", next.getAttribute("data-id"));
          fetch(template.replace("/0/", "/" + card.getAttribute("data-id") + "/"), {
            method: "POST",
            credentials: "same-origin",
            headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" },
            body: body,
          })
            .then(function (response) {
              if (!response.ok) throw new Error("move refused: " + response.status);
              if (evt.from !== evt.to) {
                bump(evt.from.closest(".board-column"), -1);
                bump(evt.to.closest(".board-column"), +1);
                var select = card.querySelector("select[name=stage]");
                if (select) select.value = evt.to.getAttribute("data-stage");
              }
              card.setAttribute("data-moved", "true");
            })
            .catch(function () {
              window.location.reload(); // show the board as the server has it
            });
        },
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".board[data-move-url]").forEach(initBoard);
  });

  // Outreach drafts: a live character count against a limit (LinkedIn's 300 for connection
  // notes; the server shows the same count on load), and a Copy button.
  function characters(text) {
    return Array.from(text.replace(/\r\n/g, "\n")).length; // code points, as the server counts
  }

  function initCount(counter) {
    var field = document.getElementById(counter.getAttribute("data-count-for"));
    if (!field) return;
    var limit = parseInt(counter.getAttribute("data-limit") || "0", 10);
    var shown = counter.querySelector("[data-count]");
    var remaining = counter.querySelector("[data-remaining]");
    function update() {
      var n = characters(field.value);
      if (shown) shown.textContent = String(n);
      if (limit && remaining) {
        remaining.textContent =
          n > limit ? n - limit + " over LinkedIn's limit for a connection note" : limit - n + " left";
      }
      counter.classList.toggle("over", Boolean(limit) && n > limit && !!remaining);
    }
    field.addEventListener("input", update);
  }

  function initCopy(button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.getAttribute("data-copy"));
      if (!field) return;
      var label = button.textContent;
      function done(word) {
        button.textContent = word;
        window.setTimeout(function () {
          button.textContent = label;
        }, 1500);
      }
      function fallback() {
        // No clipboard API (plain http, older browsers): select the text for Ctrl+C.
        field.focus();
        field.select();
        var copied = false;
        try {
          copied = document.execCommand("copy");
        } catch (e) {
          copied = false;
        }
        done(copied ? "Copied" : "Selected: press Ctrl+C");
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () {
          done("Copied");
        }, fallback);
      } else {
        fallback();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-count-for]").forEach(initCount);
    document.querySelectorAll("button[data-copy]").forEach(initCopy);
  });
})();
