// Drag agenda items to reorder them; the new order is saved at once. Buttons remain for keyboards.
(function () {
  "use strict";
  var list = document.querySelector("[data-reorder-url]");
  if (!list || typeof Sortable === "undefined") return;
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  Sortable.create(list, {
    handle: ".portal-drag",
    animation: 150,
    onEnd: function () {
      var body = new URLSearchParams();
      list.querySelectorAll("[data-item]").forEach(function (item, index) {
        body.append("item", item.dataset.item);
        var number = item.querySelector(".portal-agenda-number");
        if (number) number.textContent = String(index + 1);
      });
      fetch(list.dataset.reorderUrl, {
        method: "POST",
        headers: { "X-CSRFToken": token ? token.value : "", "HX-Request": "true" },
        body: body,
        credentials: "same-origin",
      }).then(function (response) {
        if (!response.ok) window.location.reload();
      });
    },
  });
})();
