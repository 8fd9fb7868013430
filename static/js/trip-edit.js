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
      function (place, clear) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "suggestion";
        button.setAttribute("data-slug", place.slug);
        button.textContent = window.tourrouteSuggest.label(place);
        button.addEventListener("click", function () {
          input.value = place.slug;
          clear();
          form.submit();
        });
        return button;
      });
  });
})();
