// Search-as-you-type for the trip builder's "must include" field, a progressive enhancement:
// without this script the field takes names or slugs separated by commas, resolved on submit.
// Picking a suggestion appends its slug to that field.
(function () {
  "use strict";
  var field = document.getElementById("include");
  var box = document.getElementById("include-suggest");
  var input = document.getElementById("include-search");
  var list = document.getElementById("include-results");
  if (!field || !box || !window.tourrouteSuggest) {
    return;
  }

  function add(slug) {
    var entries = field.value.split(",").map(function (s) { return s.trim(); })
      .filter(function (s) { return s; });
    if (entries.indexOf(slug) < 0) {
      entries.push(slug);
    }
    field.value = entries.join(", ");
    input.value = "";
    input.focus();
  }

  box.hidden = !window.tourrouteSuggest(input, list, field.getAttribute("data-search-url"),
    window.tourrouteSuggest.button(function (place) { add(place.slug); }));
})();
