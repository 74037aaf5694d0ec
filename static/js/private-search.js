/* Search without leaving the words in the address bar or in the browser's history.

   A search form marked data-private-search, and any link to the search page that carries words
   (?q=...: pages of results, "did you mean", filters), sends the words in the body of a POST
   instead of the address. The server renders the results page as usual; this script puts that
   page's <main> in place of this one's and adds a history entry whose address is the bare search
   page. Each entry's page is kept in memory only (a Map keyed by a random id in history.state),
   so Back and Forward show the right results while the tab is open, and nothing the reader typed
   is written into history, the address bar or storage. The fetch is not a navigation, so the
   browser never asks to "confirm form resubmission".

   Without JavaScript the forms still work as plain GET forms; the search page then says that the
   words stay in the browser's history. */
(function () {
  "use strict";

  if (!window.fetch || !window.DOMParser || !window.URLSearchParams || !window.Map ||
      !window.history || !window.history.pushState) { return; }
  var main = document.getElementById("main-content");
  var anyForm = document.querySelector("form[data-private-search]");
  if (!main || !anyForm) { return; }
  var searchPath = new URL(anyForm.getAttribute("action"), location.href).pathname;

  var pages = new Map();
  var currentId = null;

  function newId() {
    var bytes = new Uint8Array(8);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function remember() {
    pages.set(currentId, { html: main.innerHTML, title: document.title });
  }

  // This page becomes the first entry we can return to without asking the server again.
  currentId = newId();
  remember();
  history.replaceState({ privateSearch: currentId }, "", location.href);

  function focusResults() {
    var target = main.querySelector("#crisis-help") || main.querySelector("#results-title") || main;
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
    window.scrollTo(0, 0);
  }

  function show(entry) {
    main.innerHTML = entry.html;
    document.title = entry.title;
  }

  function showFailure() {
    var note = document.createElement("p");
    note.className = "note search-failed";
    note.setAttribute("role", "alert");
    // The message is written by the page, in its language (the form's data-private-search).
    note.textContent = anyForm.getAttribute("data-private-search");
    main.insertBefore(note, main.firstChild);
  }

  function search(params) {
    remember();
    fetch(searchPath, {
      method: "POST",
      body: params,
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Accept": "text/html" }
    }).then(function (response) {
      return response.text();
    }).then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      var results = page.getElementById("main-content");
      if (!results) { throw new Error("no results page"); }
      var entry = { html: results.innerHTML, title: page.title };
      currentId = newId();
      pages.set(currentId, entry);
      history.pushState({ privateSearch: currentId }, "", searchPath);
      show(entry);
      focusResults();
    }).catch(showFailure);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-private-search")) { return; }
    event.preventDefault();
    var params = new URLSearchParams();
    new FormData(form, event.submitter || undefined).forEach(function (value, name) {
      if (typeof value === "string") { params.append(name, value); }
    });
    search(params);
  });

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) { return; }  // a new tab or window is the reader's choice
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link) { return; }
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname !== searchPath || !url.searchParams.has("q")) { return; }
    event.preventDefault();
    search(url.searchParams);
  });

  window.addEventListener("popstate", function (event) {
    var id = event.state && event.state.privateSearch;
    if (!id) { return; }
    if (pages.has(id)) {
      remember();
      currentId = id;
      show(pages.get(id));
    } else {
      // After a reload the pages are gone (on purpose): show the bare page for this address.
      location.reload();
    }
  });
})();
