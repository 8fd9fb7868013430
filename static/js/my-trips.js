// "My trips" without an account: the trips this browser planned or opened are kept in its own
// localStorage (nothing is sent to the server). A trip page records itself; /trips lists them.
(function () {
  "use strict";
  var KEY = "tourroute:trips";
  var MAX = 50;

  function load() {
    try {
      var list = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  function store(list) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(list.slice(0, MAX)));
    } catch (e) { /* storage full or disabled: the list just is not kept */ }
  }

  var record = document.getElementById("trip-record");
  if (record) {
    var id = record.getAttribute("data-id");
    var trips = load().filter(function (t) { return t.id !== id; });
    trips.unshift({
      id: id,
      title: record.getAttribute("data-title"),
      start: record.getAttribute("data-start"),
      days: Number(record.getAttribute("data-days")),
      opened: new Date().toISOString()
    });
    store(trips);
  }

  var list = document.getElementById("my-trips");
  if (!list) {
    return;
  }
  var pattern = list.getAttribute("data-trip-url");
  var empty = document.getElementById("my-trips-empty");

  function render() {
    var trips = load();
    list.textContent = "";
    empty.hidden = trips.length > 0;
    trips.forEach(function (trip) {
      var item = document.createElement("li");
      item.setAttribute("data-id", trip.id);
      var link = document.createElement("a");
      link.href = pattern.replace("TRIP_ID", encodeURIComponent(trip.id));
      link.textContent = trip.title;
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = " " + trip.start + " · " +
        list.getAttribute("data-days-label").replace("N", String(trip.days)) + " ";
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "secondary remove-trip";
      remove.textContent = list.getAttribute("data-remove-label");
      remove.addEventListener("click", function () {
        store(load().filter(function (t) { return t.id !== trip.id; }));
        render();
      });
      item.appendChild(link);
      item.appendChild(meta);
      item.appendChild(remove);
      list.appendChild(item);
    });
  }
  render();
})();
