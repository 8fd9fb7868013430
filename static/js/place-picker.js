// Map picker for the place form: a progressive enhancement over the numeric fields.
// Without Leaflet (not loaded on this page, or blocked) nothing happens and the latitude and
// longitude fields do the whole job; with it, clicking or dragging sets them and vice versa.
(function () {
  "use strict";
  var box = document.getElementById("picker");
  var lat = document.getElementById("f-lat");
  var lon = document.getElementById("f-lon");
  if (!box || !lat || !lon || typeof window.L === "undefined") {
    return;
  }
  var L = window.L;
  box.hidden = false;
  var start = [parseFloat(lat.value) || 21.3, parseFloat(lon.value) || 105.6];
  var map = L.map(box).setView(start, lat.value ? 13 : 8);
  var tiles = box.getAttribute("data-tiles");
  if (tiles) {
    L.tileLayer(tiles, { attribution: box.getAttribute("data-attribution") || "" }).addTo(map);
  }
  // The province outline is drawn as a vector: without tiles the map is not a blank box.
  var outline = null;
  try {
    outline = JSON.parse(box.getAttribute("data-outline") || "null");
  } catch (error) { outline = null; }
  if (outline && outline.features && outline.features.length) {
    var layer = L.geoJSON(outline, {
      interactive: false,
      style: function (feature) {
        return { className: "tr-boundary tr-boundary-" + feature.properties.code, fill: false, weight: 2 };
      }
    }).addTo(map);
    if (!lat.value) { map.fitBounds(layer.getBounds(), { padding: [8, 8] }); }
  }
  var marker = L.marker(start, { draggable: true }).addTo(map);
  var status = document.getElementById("picker-status");
  function check() {
    // Ask the server whether the point fits the province; its answer is shown as text.
    var form = lat.form;
    fetch(box.getAttribute("data-check-url"), {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (result) {
      if (!result || !status) { return; }
      var lines = result.errors.map(function (e) { return e.message; }).concat(result.warnings);
      status.textContent = lines.join(" ");
    }).catch(function () { /* the form still validates on save */ });
  }
  function setFields(point) {
    lat.value = point.lat.toFixed(6);
    lon.value = point.lng.toFixed(6);
    check();
  }
  marker.on("dragend", function () { setFields(marker.getLatLng()); });
  map.on("click", function (event) { marker.setLatLng(event.latlng); setFields(event.latlng); });
  function fromFields() {
    var point = [parseFloat(lat.value), parseFloat(lon.value)];
    if (isFinite(point[0]) && isFinite(point[1])) {
      marker.setLatLng(point);
      map.panTo(point);
    }
  }
  lat.addEventListener("change", fromFields);
  lon.addEventListener("change", fromFields);
})();
