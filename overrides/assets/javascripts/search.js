/* Search as soon as the query changes, however it was entered.
 *
 * The theme starts a search when a key is released in the search field.
 * Chinese is entered without one: an input method commits a word with no key
 * release of its own on many phones, and text pasted from a menu or dropped
 * in comes with no key at all. So on every change of the field's text (once
 * an input method has committed it), tell the theme a key was released; it
 * reads the field and searches only if the text is new. */
(function () {
  "use strict";

  function searchField(target) {
    return target instanceof HTMLInputElement && target.matches("[data-md-component=search-query]");
  }

  var PAUSE = 150;
  var pending = null;

  function released(field) {
    clearTimeout(pending);
    pending = setTimeout(function () {
      field.dispatchEvent(new KeyboardEvent("keyup", { bubbles: false }));
    }, PAUSE);
  }

  document.addEventListener("input", function (event) {
    if (searchField(event.target) && !event.isComposing) released(event.target);
  });
  document.addEventListener("compositionend", function (event) {
    if (searchField(event.target)) released(event.target);
  });
})();
