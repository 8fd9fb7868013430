// Search-as-you-type shared by the header search, the trip builder and the trip editor.
// It asks /search for JSON and lets each page decide what a suggestion is (a link, a button);
// without it every field still works as a plain form field.
(function () {
  "use strict";
  window.tourrouteSuggest = function (input, list, url, makeItem) {
    if (!input || !list || !url || !window.fetch) {
      return false;
    }
    var asked = 0;

    function clear() {
      list.textContent = "";
      list.hidden = true;
    }

    function show(results) {
      list.textContent = "";
      results.forEach(function (place) {
        var item = document.createElement("li");
        item.appendChild(makeItem(place, clear));
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
    }

    input.addEventListener("input", function () {
      var query = input.value.trim();
      var ticket = ++asked;
      if (query.length < 2) {
        clear();
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
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { clear(); }
    });
    return true;
  };

  // The label every suggestion shows: name, kind, province.
  window.tourrouteSuggest.label = function (place) {
    return place.name + " · " + place.kind_label + " · " + place.province_name;
  };

  // A suggestion that is a button: picking it calls pick(place), then clears the list.
  window.tourrouteSuggest.button = function (pick) {
    return function (place, clear) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "suggestion";
      button.setAttribute("data-slug", place.slug);
      button.textContent = window.tourrouteSuggest.label(place);
      button.addEventListener("click", function () { pick(place); clear(); });
      return button;
    };
  };
})();
