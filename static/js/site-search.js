// Suggestions under the header search box: each is a link to the place's page. The form
// still submits to the search page without this script.
(function () {
  "use strict";
  var input = document.getElementById("site-q");
  var list = document.getElementById("site-suggest");
  if (!input || !list || !window.tourrouteSuggest) {
    return;
  }
  window.tourrouteSuggest(input, list, input.getAttribute("data-search-url"), function (place) {
    var link = document.createElement("a");
    link.href = place.url;
    link.className = "suggestion";
    link.setAttribute("data-slug", place.slug);
    link.textContent = window.tourrouteSuggest.label(place);
    return link;
  });
})();
