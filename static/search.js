/* Pressroom search: full-text search and filters over the index in search/data/.
   No framework, no network beyond the site's own files; works under a sub-path and from
   file:// because the index files are scripts that call PressroomSearch.receive(). */
(function () {
  "use strict";

  var received = {};
  var waiting = {};
  window.PressroomSearch = {
    receive: function (name, data) {
      received[name] = data;
      if (waiting[name]) { waiting[name].forEach(function (f) { f(data); }); delete waiting[name]; }
    }
  };

  var form = document.getElementById("search-form");
  if (!form) { return; }
  var dataBase = form.getAttribute("data-index");
  var root = form.getAttribute("data-root");
  /* A site built for browsing from a folder links pages by their index.html. */
  var pageFile = /index\.html$/.test(root) ? "index.html" : "";
  root = root.slice(0, root.length - pageFile.length);
  var statusEl = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var FACETS = ["tag", "country", "person", "organization", "year"];
  var PAGE = 50;
  var meta = null;
  var shown = PAGE;
  var loads = {};

  function load(name) {
    if (received[name]) { return Promise.resolve(received[name]); }
    if (loads[name]) { return loads[name]; }
    loads[name] = new Promise(function (resolve) {
      (waiting[name] = waiting[name] || []).push(resolve);
      var script = document.createElement("script");
      script.src = dataBase + name + ".js";
      script.async = true;
      script.onerror = function () { delete waiting[name]; resolve(null); };
      script.onload = function () { if (!received[name]) { resolve(null); } };
      document.head.appendChild(script);
    });
    return loads[name];
  }

  /* The same words as search.py's tokens(): lowercase, no accents, letters and digits. */
  function tokens(text) {
    var folded = text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
    return (folded.match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) {
      var n = Array.from(w).length;
      return n >= 2 && n <= 40;
    });
  }

  function shardName(word) {
    return Array.from(word).slice(0, 2).map(function (c) {
      return c.codePointAt(0).toString(16);
    }).join("-");
  }

  function undelta(gaps) {
    var out = [], at = 0;
    for (var i = 0; i < gaps.length; i++) { at += gaps[i]; out.push(at); }
    return out;
  }

  /* Releases having every word (the last one, and the others too, as prefixes). */
  function matchWords(words) {
    return Promise.all(words.map(function (word) {
      var name = shardName(word);
      if (meta.shards.indexOf(name) < 0) { return Promise.resolve(new Set()); }
      return load("w/" + name).then(function (shard) {
        var found = new Set();
        if (!shard) { return found; }
        Object.keys(shard).forEach(function (key) {
          if (key.lastIndexOf(word, 0) === 0) { undelta(shard[key]).forEach(function (n) { found.add(n); }); }
        });
        return found;
      });
    })).then(function (sets) {
      if (!sets.length) { return null; }
      sets.sort(function (a, b) { return a.size - b.size; });
      return sets.slice(1).reduce(function (acc, s) {
        return new Set(Array.from(acc).filter(function (n) { return s.has(n); }));
      }, sets[0]);
    });
  }

  var FIELD = {tag: 7, country: 8, person: 9, organization: 10};

  function selected() {
    var out = {};
    FACETS.forEach(function (f) { out[f] = form.elements[f].value; });
    return out;
  }

  function facetIndex(facet, slug) {
    var items = meta.facets[facet];
    for (var i = 0; i < items.length; i++) { if (items[i][0] === slug) { return i; } }
    return -1;
  }

  function passes(doc, facet, value) {
    if (!value) { return true; }
    if (facet === "year") { return String(doc[6]) === value; }
    return doc[FIELD[facet]].indexOf(facetIndex(facet, value)) >= 0;
  }

  function fillSelect(facet, docs, value) {
    var select = form.elements[facet];
    var counts = new Map();
    docs.forEach(function (doc) {
      var keys = facet === "year" ? [doc[6]] : doc[FIELD[facet]];
      keys.forEach(function (k) { counts.set(k, (counts.get(k) || 0) + 1); });
    });
    var options = [];
    if (facet === "year") {
      Array.from(counts.keys()).sort(function (a, b) { return b - a; }).forEach(function (y) {
        options.push([String(y), String(y), counts.get(y)]);
      });
    } else {
      meta.facets[facet].forEach(function (item, i) {
        if (counts.has(i) || item[0] === value) { options.push([item[0], item[1], counts.get(i) || 0]); }
      });
    }
    if (value && !options.some(function (o) { return o[0] === value; })) { options.unshift([value, value, 0]); }
    var first = select.options[0];
    select.textContent = "";
    select.appendChild(first);
    options.forEach(function (o) {
      var option = document.createElement("option");
      option.value = o[0];
      option.textContent = o[1] + " (" + o[2] + ")";
      select.appendChild(option);
    });
    select.value = value;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function renderDoc(doc, summary) {
    var item = el("li", "entry");
    var metaLine = el("p", "meta");
    var time = el("time", null, doc[11] || doc[2]);
    time.setAttribute("datetime", doc[2]);
    metaLine.appendChild(time);
    if (doc[3]) { metaLine.appendChild(document.createTextNode(" · " + doc[3])); }
    item.appendChild(metaLine);
    var title = el("h2", "entry-title");
    var link = el("a", null, doc[1]);
    link.href = root + doc[0] + pageFile;
    if (doc[5]) { link.lang = doc[5]; }
    title.appendChild(link);
    item.appendChild(title);
    if (summary) { item.appendChild(el("p", "summary", summary)); }
    if (doc[7].length) {
      var tags = el("ul", "tags");
      doc[7].forEach(function (i) {
        var li = el("li");
        var a = el("a", null, meta.facets.tag[i][1]);
        a.href = root + "tags/" + meta.facets.tag[i][0] + "/" + pageFile;
        li.appendChild(a);
        tags.appendChild(li);
      });
      item.appendChild(tags);
    }
    return item;
  }

  var current = [];
  var positions = new Map();  /* doc -> its number, for its summary */
  function show(docs, words) {
    current = docs;
    var visible = docs.slice(0, shown);
    var chunks = Array.from(new Set(visible.map(function (doc) { return doc[4]; })));
    var n = docs.length;
    var text = n + (n === 1 ? " release" : " releases");
    if (words.length) { text += " matching “" + form.elements.q.value.trim() + "”"; }
    var active = FACETS.filter(function (f) { return form.elements[f].value; }).map(function (f) {
      var select = form.elements[f];
      return f + ": " + select.options[select.selectedIndex].textContent.replace(/ \(\d+\)$/, "");
    });
    if (active.length) { text += " · " + active.join(" · "); }
    var mine = generation;
    /* The summaries of the results on screen, then the list and the status together. */
    Promise.all(chunks.map(function (k) { return load("s/" + k); })).then(function () {
      if (mine !== generation) { return; }
      list.textContent = "";
      visible.forEach(function (doc) {
        var chunk = received["s/" + doc[4]];
        var summary = chunk ? chunk[positions.get(doc) - doc[4] * meta.summary_chunk] : "";
        list.appendChild(renderDoc(doc, summary));
      });
      more.hidden = n <= shown;
      statusEl.textContent = text + ".";
    });
  }

  var generation = 0;
  function update() {
    var mine = ++generation;
    var words = tokens(form.elements.q.value);
    var sel = selected();
    var found = words.length ? matchWords(words) : Promise.resolve(null);
    found.then(function (numbers) {
      if (mine !== generation) { return; }
      /* meta.docs runs from the oldest release (its number is its row): newest first here. */
      var base = [];
      for (var i = meta.docs.length - 1; i >= 0; i--) {
        if (!numbers || numbers.has(i)) { base.push(meta.docs[i]); }
      }
      FACETS.forEach(function (facet) {
        var others = base.filter(function (doc) {
          return FACETS.every(function (f) { return f === facet || passes(doc, f, sel[f]); });
        });
        fillSelect(facet, others, sel[facet]);
      });
      var docs = base.filter(function (doc) {
        return FACETS.every(function (f) { return passes(doc, f, sel[f]); });
      });
      if (words.length) {
        var scored = docs.map(function (doc, i) {
          var title = tokens(doc[1]);
          var hits = words.filter(function (w) {
            return title.some(function (t) { return t.lastIndexOf(w, 0) === 0; });
          }).length;
          return [hits, i, doc];
        });
        scored.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
        docs = scored.map(function (s) { return s[2]; });
      }
      show(docs, words);
      saveState();
    });
  }

  function saveState() {
    var params = new URLSearchParams();
    if (form.elements.q.value.trim()) { params.set("q", form.elements.q.value.trim()); }
    FACETS.forEach(function (f) { if (form.elements[f].value) { params.set(f, form.elements[f].value); } });
    var query = params.toString();
    try {
      history.replaceState(null, "", query ? "?" + query : location.pathname);
    } catch (e) { /* file:// in some browsers */ }
  }

  function restoreState() {
    var params = new URLSearchParams(location.search);
    form.elements.q.value = params.get("q") || "";
    FACETS.forEach(function (f) {
      var value = params.get(f) || "";
      var select = form.elements[f];
      if (value && !Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      }
      select.value = value;
    });
  }

  var timer = null;
  form.addEventListener("input", function (event) {
    shown = PAGE;
    clearTimeout(timer);
    timer = setTimeout(update, event.target.name === "q" ? 150 : 0);
  });
  form.addEventListener("change", function () { shown = PAGE; update(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { shown = PAGE; update(); }, 0);
  });
  more.addEventListener("click", function () {
    shown += PAGE;
    show(current, tokens(form.elements.q.value));
  });

  form.hidden = false;
  statusEl.textContent = "Loading the index…";
  restoreState();
  load("meta").then(function (data) {
    if (!data) { statusEl.textContent = "The search index could not be loaded."; return; }
    meta = data;
    meta.docs.forEach(function (doc, i) { positions.set(doc, i); });
    update();
  });
})();
