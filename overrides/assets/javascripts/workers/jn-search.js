/* The theme's search, answered from the site's cut index.
 *
 * Material runs its search in a web worker and talks to it in four
 * messages: SETUP (0), READY (1), QUERY (2) and RESULT (3). This worker
 * speaks the same messages, so the search box, its keyboard use and its
 * result list stay the theme's own; only the engine changes. Instead of the
 * whole site's index it fetches what a query needs (built by
 * generator/outputs/searchindex.py): the meta, the shards of the words the
 * query's words start with, and the titles of the best pages found. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
/* The pages listed for a query at most, the best ones: a word found on
 * every page still costs the titles of this many. */
var SHOWN = 100;
/* Letters, digits and characters in a row: a punctuation mark ends a word,
 * as in the index. */
var WORD = /[\p{L}\p{N}\p{M}_]+/gu;
/* This file is assets/javascripts/workers/ under the site's root. */
var root = new URL("../../../", self.location.href);
var files = {};
var latest = 0;

function load(path) {
  if (!(path in files)) {
    files[path] = fetch(new URL(path, root).href).then(function (response) {
      if (!response.ok) throw new Error(path + ": " + response.status);
      return response.json();
    });
  }
  return files[path];
}

function hex(text) {
  return Array.from(text).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
}

/* Where the words starting with `prefix` are: the file of the group of its
 * first character (meta.groups); or, for a character with many words, the
 * file its words were cut into (meta.split: for each prefix cut, the next
 * characters of its words; a leading space when the prefix itself is a
 * word). {file}, {cut: prefix} when `prefix` itself was cut, or null when
 * no word starts so. */
function place(meta, prefix) {
  var chars = Array.from(prefix);
  var at = chars[0];
  if (meta.split[at] === undefined) {
    for (var g = 0; g < meta.groups.length; g++) {
      if (meta.groups[g].indexOf(at) !== -1) return { file: "search/shards/g" + g + ".json" };
    }
    return null;
  }
  for (var used = 1; meta.split[at] !== undefined; used++) {
    if (used === chars.length) return { cut: at };
    if (meta.split[at].indexOf(chars[used]) === -1) return null;
    at += chars[used];
  }
  return { file: shardPath(at) };
}

function shardPath(prefix) {
  return "search/shards/" + hex(prefix) + ".json";
}

/* The pages of the words starting with `prefix`, with their scores (the
 * best of a page's words), or null when no word starts so. A prefix whose
 * words were cut into many files is answered by its best pages, kept in
 * one file beside them (<prefix>-top.json). */
function startingWith(meta, prefix, stale) {
  var where = place(meta, prefix);
  if (where === null) return Promise.resolve(null);
  if (where.cut) {
    return load("search/shards/" + hex(where.cut) + "-top.json").then(function (flat) {
      stale();
      return decode(flat, {});
    });
  }
  return load(where.file).then(function (shard) {
    stale();
    var pages = null;
    Object.keys(shard).forEach(function (word) {
      if (word.lastIndexOf(prefix, 0) === 0) pages = decode(shard[word], pages || {});
    });
    return pages;
  });
}

/* The pages of `word` exactly, or null when it is no word of the index. */
function exactly(meta, word, stale) {
  var where = place(meta, word);
  if (where === null || (where.cut && meta.split[where.cut].charAt(0) !== " ")) return Promise.resolve(null);
  return load(where.cut ? shardPath(where.cut) : where.file).then(function (shard) {
    stale();
    return word in shard ? decode(shard[word], {}) : null;
  });
}

/* A word's pages and scores, from [step, score, step, score, ...]. */
function decode(flat, into) {
  var page = 0;
  for (var i = 0; i < flat.length; i += 2) {
    page += flat[i];
    if (!(page in into) || flat[i + 1] > into[page]) into[page] = flat[i + 1];
  }
  return into;
}

/* The pages in both (null: no condition), their scores added. */
function both(a, b) {
  if (a === null) return b;
  if (b === null) return a;
  var pages = {};
  Object.keys(a).forEach(function (page) { if (page in b) pages[page] = a[page] + b[page]; });
  return pages;
}

/* The pages of one word of the query: those with a word starting with it;
 * else the word is cut into the index's words, the longest first, and the
 * pages have all of them (null: nothing in it is a word of the index). */
function matchWord(meta, word, stale) {
  return startingWith(meta, word, stale).then(function (pages) {
    return pages !== null ? pages : pieces(meta, Array.from(word), 0, stale);
  });
}

function pieces(meta, chars, at, stale) {
  // A last character alone is no word of the index: it is left out.
  if (at >= chars.length - 1) return Promise.resolve(null);
  return longest(meta, chars, at, chars.length, stale).then(function (found) {
    if (found === null) {
      // The rest may be the start of a word (typed so far).
      return startingWith(meta, chars.slice(at).join(""), stale).then(function (begun) {
        return begun !== null ? begun : pieces(meta, chars, at + 1, stale);
      });
    }
    return pieces(meta, chars, found.end, stale).then(function (after) { return both(found.pages, after); });
  });
}

/* The longest word of the index at `at`, ending at most at `end`. */
function longest(meta, chars, at, end, stale) {
  if (end - at < 2) return Promise.resolve(null);
  return exactly(meta, chars.slice(at, end).join(""), stale).then(function (pages) {
    return pages !== null ? { pages: pages, end: end } : longest(meta, chars, at, end - 1, stale);
  });
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

/* `text` escaped, with each word of the query marked. */
function marked(text, words) {
  var html = escapeHtml(text);
  var patterns = words.map(function (w) { return escapeHtml(w).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
  if (!patterns.length) return html;
  return html.replace(new RegExp("(" + patterns.join("|") + ")", "gi"), "<mark>$1</mark>");
}

function best(meta, pages) {
  var boost = meta.boost;
  return Object.keys(pages).map(function (page) {
    var n = Number(page);
    return [n, pages[page] * (boost[page] === undefined ? 1 : boost[page])];
  }).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; }).slice(0, SHOWN);
}

/* The results as the theme draws them: a group of one item per page,
 * scored so that the first is the best. */
function items(meta, ranked, words) {
  var terms = {};
  words.forEach(function (w) { terms[w] = true; });
  // load() fetches each file of titles once, however many results it holds.
  return Promise.all(ranked.map(function (entry) {
    return load("search/pages/" + Math.floor(entry[0] / meta.chunk) + ".json").then(function (chunk) {
      var page = chunk[entry[0] % meta.chunk];
      return [{
        location: page[0],
        title: marked(page[1], words),
        text: page[2] ? "<p>" + marked(page[2], words) + "</p>" : "",
        score: entry[1] / 100,
        terms: terms
      }];
    });
  }));
}

/* The words of a query, as the index cuts them. */
function wordsOf(query, separator) {
  var words = [];
  query.toLowerCase().split(separator).forEach(function (piece) {
    words = words.concat(piece.match(WORD) || []);
  });
  return words;
}

function answer(query, stale) {
  // The theme asks for the empty query as the page loads: no index for it.
  if (!query.trim()) return Promise.resolve({ items: [] });
  return load("search/meta.json").then(function (meta) {
    var words = wordsOf(query, new RegExp(meta.separator));
    if (!words.length) return { items: [] };
    var each = words.map(function (w) { return matchWord(meta, w, stale); });
    return Promise.all(each).then(function (found) {
      var pages = found.reduce(both, null);
      if (pages === null) return { items: [] };
      return items(meta, best(meta, pages), words).then(function (list) { return { items: list }; });
    });
  });
}

/* Thrown when a later query came: the work for this one stops. */
var STALE = {};

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    // The theme sets its search up on every page: the index is loaded by
    // the first query, so that a reader who never searches downloads none of it.
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var asked = ++latest;
    var stale = function () { if (asked !== latest) throw STALE; };
    answer(String(message.data), stale).then(function (result) {
      stale();
      self.postMessage({ type: RESULT, data: result });
    }).catch(function (error) {
      if (error === STALE) return;
      console.warn("search:", error);
      if (asked === latest) self.postMessage({ type: RESULT, data: { items: [] } });
    });
  }
});
