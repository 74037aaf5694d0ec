/* Quick exit, after the GOV.UK "Exit this page" pattern.
   The button (a plain link without JavaScript) and Shift pressed three times both hide the page at
   once and replace it in history with a neutral site, so Back does not return here. */
(function () {
  "use strict";
  var PRESSES_NEEDED = 3;
  var WINDOW_MS = 5000;
  var presses = 0;
  var lastPress = 0;
  var link = document.querySelector("[data-quick-exit]");
  var status = document.querySelector("[data-quick-exit-status]");
  if (!link) { return; }
  var target = link.getAttribute("href");

  function leave(event) {
    if (event) { event.preventDefault(); }
    document.documentElement.classList.add("exiting");
    document.title = "Weather";
    window.location.replace(target);
  }

  function announce(text) {
    if (status) { status.textContent = text; }
  }

  link.addEventListener("click", leave);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      // Any other key (typing a capital letter, for example) starts the count again.
      presses = 0;
      return;
    }
    if (event.repeat) { return; }
    var now = Date.now();
    presses = (now - lastPress <= WINDOW_MS) ? presses + 1 : 1;
    lastPress = now;
    if (presses >= PRESSES_NEEDED) {
      announce("Leaving this page.");
      leave();
    } else {
      announce("Shift pressed " + presses + " of " + PRESSES_NEEDED + " times. Press " +
        (PRESSES_NEEDED - presses) + " more to leave this page.");
    }
  });
})();
