// Search-as-you-type for the trip builder's "must include" field, a progressive enhancement:
// without this script the field takes names or slugs separated by commas, resolved on submit.
// Picking a suggestion appends its slug to that field.
(function () {
  "use strict";
  var field = document.getElementById("include");
  var box = document.getElementById("include-suggest");
  var input = document.getElementById("include-search");
  var list = document.getElementById("include-results");
  if (!field || !box || !input || !list || !window.fetch) {
    return;
  }
  box.hidden = false;
  var url = field.getAttribute("data-search-url");
  var asked = 0;

  function add(slug) {
    var entries = field.value.split(",").map(function (s) { return s.trim(); })
      .filter(function (s) { return s; });
    if (entries.indexOf(slug) < 0) {
      entries.push(slug);
    }
    field.value = entries.join(", ");
    input.value = "";
    list.textContent = "";
    input.focus();
  }

  function show(results) {
    list.textContent = "";
    results.forEach(function (place) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "suggestion";
      button.setAttribute("data-slug", place.slug);
      button.textContent = place.name + " · " + place.kind_label + " · " + place.province_name;
      button.addEventListener("click", function () { add(place.slug); });
      item.appendChild(button);
      list.appendChild(item);
    });
  }

  input.addEventListener("input", function () {
    var query = input.value.trim();
    var ticket = ++asked;
    if (query.length < 2) {
      list.textContent = "";
      return;
    }
    fetch(url + "?format=json&limit=8&q=" + encodeURIComponent(query), {
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.ok ? response.json() : { results: [] };
    }).then(function (data) {
      if (ticket === asked) { show(data.results); }  // a later keystroke's answer wins
    }).catch(function () { /* the plain field still works */ });
  });
})();
