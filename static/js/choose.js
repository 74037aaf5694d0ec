/* The decision aid, when JavaScript runs (everything works without it).

   - Print buttons: shown only when the script can open the print dialog.
   - Leaving a page forgets its answers: when the page is hidden (a link, Back, the quick exit),
     every answer on it is cleared, so a copy the browser keeps for Back shows none of them; and a
     kept copy that comes back is replaced by a fresh, empty set of questions. */
(function () {
  "use strict";

  var buttons = document.querySelectorAll("[data-print]");
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var forms = document.querySelectorAll("[data-choose-private]");
  if (!forms.length) { return; }
  var freshStart = forms[0].getAttribute("action");

  function forget() {
    Array.prototype.forEach.call(forms, function (form) {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.type === "radio" || field.type === "checkbox") {
          field.checked = field.value === "not-sure";
        } else if (field.type === "hidden") {
          field.value = "";
        }
      });
    });
    document.documentElement.classList.add("exiting");
  }

  window.addEventListener("pagehide", forget);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { window.location.replace(freshStart); }
  });
}());
