// Suggestions for "add a place" on the trip page: picking one puts its slug in the field and
// sends the form. Without this script the field takes a name or a slug, resolved on the server.
(function () {
  "use strict";
  if (!window.tourrouteSuggest) {
    return;
  }
  document.querySelectorAll("form.edit-add").forEach(function (form) {
    var input = form.querySelector("input[name=place]");
    var list = form.querySelector("ul.suggestions");
    window.tourrouteSuggest(input, list, input.getAttribute("data-search-url"),
      window.tourrouteSuggest.button(function (place) {
        input.value = place.slug;
        form.submit();
      }));
  });
})();
