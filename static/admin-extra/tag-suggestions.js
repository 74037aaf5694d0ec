/*
 * Tag suggestions in the admin: the tag field lists existing tags in a <datalist>, which the browser
 * offers while typing. A datalist completes the whole field, so after a comma this script rewrites the
 * options as "what is already typed, + a tag", leaving out tags already chosen. Without it, the first
 * tag still completes.
 */
(function () {
  "use strict";

  function quoted(name) {
    return name.indexOf(",") === -1 ? name : '"' + name.replace(/"/g, "") + '"';
  }

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) {
      return;
    }
    var names = Array.prototype.map.call(list.options, function (option) { return option.value; });
    input.addEventListener("input", function () {
      var cut = input.value.lastIndexOf(",");
      var prefix = cut === -1 ? "" : input.value.slice(0, cut + 1) + " ";
      var chosen = prefix.split(",").map(function (part) {
        return part.trim().replace(/^"|"$/g, "").toLowerCase();
      });
      var fragment = document.createDocumentFragment();
      names.forEach(function (name) {
        if (chosen.indexOf(name.toLowerCase()) === -1) {
          var option = document.createElement("option");
          option.value = prefix + quoted(name);
          fragment.appendChild(option);
        }
      });
      list.replaceChildren(fragment);
    });
  }

  function start() {
    document.querySelectorAll("input[data-tag-suggestions]").forEach(attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
