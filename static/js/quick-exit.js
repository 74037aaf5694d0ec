/* Quick exit, after the GOV.UK "Exit this page" pattern.

   The button (a plain link when JavaScript is off) and Shift pressed three times both hide the page
   at once and replace it in history with a neutral site, so Back does not return to it. A second
   press or click tries again at once, in case the neutral site was slow or its loading was stopped.

   Shift is counted when it is released without another key pressed while it was held, so capitals
   and shortcuts (Shift+H, Shift+Tab) never count; any other key starts the count again, and so does
   a pause of more than five seconds between presses. Screen readers hear each step in a polite
   live region. Every word said or shown comes from the bar's data- attributes, written by
   templates/includes/quick_exit.html in the page's language. */
(function () {
  "use strict";

  // templates/includes/quick_exit.html writes what to announce for each count still needed (2, then 1).
  var PRESSES_NEEDED = 3;
  var WINDOW_MS = 5000;

  var root = document.documentElement;
  var bar = document.querySelector("[data-quick-exit-bar]");
  var link = document.querySelector("[data-quick-exit]");
  var status = document.querySelector("[data-quick-exit-status]");
  if (!link) { return; }
  root.classList.add("js-on");

  var target = link.getAttribute("href");
  var presses = 0;
  var shiftUsedInChord = false;
  var expiry = null;
  var pageTitle = document.title;

  // The words for `name` in the page's language (data-<name> on the bar).
  function words(name) {
    return (bar && bar.getAttribute("data-" + name)) || "";
  }

  function announce(text) {
    if (status) { status.textContent = text; }
  }

  function showPresses(count) {
    if (bar) { bar.setAttribute("data-presses", String(count)); }
  }

  function reset(message) {
    window.clearTimeout(expiry);
    expiry = null;
    if (presses > 0) { announce(message || ""); }
    presses = 0;
    showPresses(0);
  }

  function leave(event) {
    if (event) { event.preventDefault(); }
    // Every press goes again at once: if the neutral site is slow or unreachable, or its loading
    // was stopped (Escape), another press or click must still get the reader away. Hide
    // everything but the exit button first, so nothing of this page shows while the next loads.
    root.classList.add("exiting");
    document.title = words("leaving-title");
    // replace(), not assign(): this page leaves the history, so Back cannot return to it.
    window.location.replace(target);
  }

  // A page the browser restores from its back-forward cache comes back whole and working, never
  // hidden half-way through an exit that did not happen.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    root.classList.remove("exiting");
    document.title = pageTitle;
    reset("");
  });

  function countPress() {
    // Once an exit has started, one press is enough to try again.
    if (root.classList.contains("exiting")) {
      leave();
      return;
    }
    presses += 1;
    window.clearTimeout(expiry);
    showPresses(presses);
    if (presses >= PRESSES_NEEDED) {
      announce(words("announce-leaving"));
      leave();
      return;
    }
    var left = PRESSES_NEEDED - presses;
    announce(words("announce-left-" + left));
    expiry = window.setTimeout(function () { reset(words("announce-cancelled")); }, WINDOW_MS);
  }

  link.addEventListener("click", leave);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      // Shift held together with Ctrl, Alt or Cmd is a shortcut, not a press.
      if (!event.repeat) { shiftUsedInChord = event.ctrlKey || event.altKey || event.metaKey; }
      return;
    }
    // Any other key, including a letter typed with Shift held, starts the count again.
    if (event.shiftKey) { shiftUsedInChord = true; }
    reset("");
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { return; }
    if (shiftUsedInChord) {
      shiftUsedInChord = false;
      return;
    }
    countPress();
  }, true);
})();
