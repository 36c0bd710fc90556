// The portfolio's index: drag a case study by its handle to reorder (SortableJS). The arrows
// beside each case study do the same without JavaScript.
(function () {
  "use strict";

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
    } catch (e) {
      return "";
    }
  }

  // Keep the arrows honest after a drag: no "up" on the first, no "down" on the last.
  function refreshArrows(list) {
    var rows = list.querySelectorAll("li[data-id]");
    rows.forEach(function (row, index) {
      var up = row.querySelector("button[name=direction][value=up]");
      var down = row.querySelector("button[name=direction][value=down]");
      if (up) up.disabled = index === 0;
      if (down) down.disabled = index === rows.length - 1;
    });
  }

  function initCases(list) {
    if (!window.Sortable) return;
    window.Sortable.create(list, {
      handle: ".drag-handle",
      animation: 120,
      onEnd: function (evt) {
        if (evt.oldIndex === evt.newIndex) return;
        var body = new URLSearchParams();
        list.querySelectorAll("li[data-id]").forEach(function (row) {
          body.append("case", row.getAttribute("data-id"));
        });
        fetch(list.getAttribute("data-reorder-url"), {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" },
          body: body,
        })
          .then(function (response) {
            if (!response.ok) throw new Error("reorder refused: " + response.status);
            refreshArrows(list);
            list.setAttribute("data-saved", "true");
          })
          .catch(function () {
            window.location.reload(); // show the order as the server has it
          });
      },
    });
    list.classList.add("sortable");
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".case-rows[data-reorder-url]").forEach(initCases);
  });
})();
