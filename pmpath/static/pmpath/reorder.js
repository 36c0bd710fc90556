// Drag-to-reorder for any list marked <ol data-reorder-url="…" data-reorder-field="…"> whose
// rows are <li data-id="…"> with a .drag-handle (SortableJS). After a drop, the ids in their
// new order are POSTed as repeated `data-reorder-field` values. Buttons marked data-move="up"
// and data-move="down" do the same without JavaScript; they are kept honest after a drag.
(function () {
  "use strict";

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
    } catch (e) {
      return "";
    }
  }

  function refreshArrows(list) {
    var rows = list.querySelectorAll("li[data-id]");
    rows.forEach(function (row, index) {
      var up = row.querySelector("[data-move=up]");
      var down = row.querySelector("[data-move=down]");
      if (up) up.disabled = index === 0;
      if (down) down.disabled = index === rows.length - 1;
    });
  }

  function init(list) {
    if (!window.Sortable) return;
    var field = list.getAttribute("data-reorder-field") || "id";
    window.Sortable.create(list, {
      handle: ".drag-handle",
      animation: 120,
      onEnd: function (evt) {
        if (evt.oldIndex === evt.newIndex) return;
        var body = new URLSearchParams();
        list.querySelectorAll("li[data-id]").forEach(function (row) {
          body.append(field, row.getAttribute("data-id"));
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
    document.querySelectorAll("ol[data-reorder-url], ul[data-reorder-url]").forEach(init);
  });
})();
