/* GOV.UK error summary: move focus to the summary when the page loads with errors, so screen
   readers announce it; following a link focuses the field and scrolls its label or question into
   view (not just the input, which would hide the question above it). Without JavaScript the links
   still jump to the fields. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var input = document.getElementById(link.getAttribute("href").slice(1));
    if (!input) { return; }
    event.preventDefault();
    var fieldset = input.closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    var label = document.querySelector("label[for='" + input.id + "']");
    var heading = legend || label || input;
    heading.scrollIntoView();
    input.focus({ preventScroll: true });
  });
})();
