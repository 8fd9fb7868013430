// Drag and drop for the package editor, a progressive enhancement: without this script every
// stop has plain forms (earlier, later, move to day, remove). Dropping a stop rewrites the
// hidden full-order form (one comma-separated list of slugs per day) and submits it; the server
// re-times exactly that order and refuses it, changing nothing, when a rule breaks.
(function () {
  "use strict";
  var editor = document.querySelector("[data-editor]");
  var form = document.getElementById("order-form");
  if (!editor || !form || !("draggable" in document.createElement("li"))) {
    return;
  }
  var dragged = null;
  editor.classList.add("drag-enabled");

  function submitOrder() {
    var lists = editor.querySelectorAll("ol.stops");
    Array.prototype.forEach.call(lists, function (list) {
      var slugs = Array.prototype.map.call(list.querySelectorAll("li.stop"), function (item) {
        return item.getAttribute("data-slug");
      });
      var input = form.querySelector('[data-day-input="' + list.getAttribute("data-day") + '"]');
      if (input) { input.value = slugs.join(","); }
    });
    form.submit();
  }

  // The stop the pointer is above (its upper half: drop before it), or null for the end.
  function stopAfter(list, y) {
    var items = list.querySelectorAll("li.stop");
    for (var i = 0; i < items.length; i++) {
      var box = items[i].getBoundingClientRect();
      if (items[i] !== dragged && y < box.top + box.height / 2) { return items[i]; }
    }
    return null;
  }

  editor.addEventListener("dragstart", function (event) {
    var item = event.target.closest ? event.target.closest("li.stop") : null;
    if (!item) { return; }
    dragged = item;
    item.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.getAttribute("data-slug"));
  });

  editor.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("dragging"); }
    dragged = null;
  });

  editor.addEventListener("dragover", function (event) {
    if (dragged && event.target.closest && event.target.closest("ol.stops")) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
    }
  });

  editor.addEventListener("drop", function (event) {
    var list = event.target.closest ? event.target.closest("ol.stops") : null;
    if (!dragged || !list) { return; }
    event.preventDefault();
    var before = stopAfter(list, event.clientY);
    var moved = dragged;
    if (before === moved.nextElementSibling && moved.parentNode === list) {
      return;  // dropped where it already was
    }
    list.insertBefore(moved, before);
    submitOrder();
  });
})();
