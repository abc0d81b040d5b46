/* gloss reader script: link previews, notes beside the text, search,
   pictures shown full size.
   Every feature enhances markup that works without it. */
(function () {
  "use strict";
  var doc = document;
  var STORE = "gloss-previews";

  function $(sel, root) { return (root || doc).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function stored() {
    try { return localStorage.getItem(STORE); } catch (e) { return null; }
  }
  function store(value) {
    try {
      if (value) localStorage.setItem(STORE, value); else localStorage.removeItem(STORE);
    } catch (e) { /* storage may be unavailable */ }
  }

  /* The script's words: English here, a page in another language carries
     its own (#gloss-strings), each "{name}" a place for a value. */
  var WORDS = {
    read_article: "Read the article", full_entry: "Full entry",
    kind_term: "Glossary", kind_article: "Article", no_results: "No results",
    one_result: "1 result", results: "{n} results",
    results_shown: "{n} results, the first {shown} shown",
    unavailable: "Search is unavailable just now", actual_size: "Actual size",
    close: "Close", picture: "Picture"
  };
  var words = $("#gloss-strings");
  if (words) {
    try {
      var own = JSON.parse(words.textContent) || {};
      Object.keys(own).forEach(function (k) { WORDS[k] = own[k]; });
    } catch (e) { /* English, then */ }
  }
  /* A count as the page's language writes digits. */
  function number(n) {
    var text = String(n);
    if (!/^fa\b/.test(doc.documentElement.lang || "")) return text;
    return text.replace(/[0-9]/g, function (d) { return String.fromCharCode(0x06F0 + Number(d)); });
  }
  function say(key, values) {
    var text = WORDS[key];
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(values[k]); });
    return text;
  }

  /* ---- Previews ---- */
  var data = {};
  var source = $("#gloss-previews");
  if (source) {
    try { data = JSON.parse(source.textContent) || {}; } catch (e) { data = {}; }
  }
  var enabled = stored() !== "off";
  var card = null, current = null, showTimer = 0, hideTimer = 0, lastPointer = "mouse", lastDown = 0;
  var PREVIEWABLE = "main .body a[href], main .caption a[href], main .intro a[href], .sidenote a[href]";

  function previewFor(link) {
    if (!enabled || !link || !link.matches || !link.matches(PREVIEWABLE)) return null;
    var href = link.getAttribute("href");
    if (!Object.prototype.hasOwnProperty.call(data, href)) return null;
    var p = data[href];
    // The page linked: the href without its fragment or query.
    p.url = href.replace(/[?#].*$/, "");
    return p;
  }

  function makeCard() {
    card = el("div");
    card.id = "gloss-popover";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    card.addEventListener("mouseleave", function () { hideSoon(); });
    card.addEventListener("pointerdown", function () { clearTimeout(hideTimer); });
    card.addEventListener("focusout", function (e) {
      if (!card.contains(e.relatedTarget) && e.relatedTarget !== current) hideSoon();
    });
    ($("main") || doc.body).appendChild(card);
  }

  function fill(p) {
    card.textContent = "";
    if (p.label) card.appendChild(el("p", "popover-label", p.label));
    var title = el("p", "popover-title", p.title);
    card.appendChild(title);
    if (p.native) {
      var native = el("p", "popover-native", p.native);
      if (p.lang) native.setAttribute("lang", p.lang);
      if (p.dir) native.setAttribute("dir", p.dir);
      card.appendChild(native);
    }
    if (p.summary) card.appendChild(el("p", "popover-summary", p.summary));
    var more = el("a", "popover-more", say(p.kind === "article" ? "read_article" : "full_entry"));
    more.href = p.url;
    card.appendChild(more);
  }

  function place(link) {
    var gap = 6;
    var r = link.getClientRects()[0] || link.getBoundingClientRect();
    var w = card.offsetWidth, h = card.offsetHeight;
    var vw = doc.documentElement.clientWidth, vh = window.innerHeight;
    var top = r.bottom + gap;
    if (top + h > vh && r.top - gap - h >= 0) top = r.top - gap - h;
    var left = Math.max(8, Math.min(r.left, vw - w - 8));
    card.style.top = (top + window.scrollY) + "px";
    card.style.left = (left + window.scrollX) + "px";
  }

  function show(link) {
    var p = previewFor(link);
    if (!p) return;
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (!card) makeCard();
    if (current && current !== link) current.removeAttribute("aria-describedby");
    current = link;
    fill(p);
    card.hidden = false;
    place(link);
    link.setAttribute("aria-describedby", "gloss-popover");
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (card) card.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  function linkOf(target) {
    return target && target.closest ? target.closest("a[href]") : null;
  }

  doc.addEventListener("pointerdown", function (e) {
    lastPointer = e.pointerType || "mouse";
    lastDown = Date.now();
    if (card && !card.hidden && !card.contains(e.target) && linkOf(e.target) !== current) hide();
  });
  doc.addEventListener("pointerover", function (e) {
    if (e.pointerType === "touch") return;
    var link = linkOf(e.target);
    if (!previewFor(link) || link === current) return;
    clearTimeout(showTimer);
    showTimer = setTimeout(function () { show(link); }, 350);
  });
  doc.addEventListener("pointerout", function (e) {
    if (e.pointerType === "touch") return;
    var link = linkOf(e.target);
    if (!link || !previewFor(link)) return;
    if (link.contains(e.relatedTarget)) return;
    clearTimeout(showTimer);
    if (link === current) hideSoon();
  });
  doc.addEventListener("focusin", function (e) {
    var link = linkOf(e.target);
    // A tap focuses the link too: the click that follows decides.
    if (lastPointer === "touch" && Date.now() - lastDown < 1000) return;
    if (previewFor(link)) show(link);
  });
  doc.addEventListener("focusout", function (e) {
    if (e.target === current && !(card && card.contains(e.relatedTarget))) hideSoon();
  });
  doc.addEventListener("click", function (e) {
    var link = linkOf(e.target);
    if (!previewFor(link) || lastPointer !== "touch") return;
    if (current !== link || card.hidden) {
      e.preventDefault();
      show(link);
    }
  });
  doc.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !card || card.hidden) return;
    var link = current;
    var inside = card.contains(doc.activeElement);
    hide();
    if (inside && link) link.focus({ preventScroll: true });
  });
  window.addEventListener("resize", function () { if (current) place(current); });

  var toggle = $("#gloss-previews-toggle");
  if (toggle) {
    var label = function () {
      toggle.setAttribute("aria-pressed", enabled ? "true" : "false");
    };
    label();
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      enabled = !enabled;
      store(enabled ? null : "off");
      if (!enabled) hide();
      label();
    });
  }

  /* ---- Notes: beside the text on wide screens, inline on narrow ones ---- */
  var wide = window.matchMedia("(min-width: 1200px)");
  var refs = [];
  $$("sup.footnote-reference > a[href^='#']").forEach(function (ref) {
    var def = doc.getElementById(decodeURIComponent(ref.getAttribute("href").slice(1)));
    if (!def) return;
    var note = el("span", "sidenote");
    note.id = "side-" + def.id + "-" + refs.length;
    note.setAttribute("role", "note");
    note.appendChild(el("span", "sidenote-number", ref.textContent));
    Array.prototype.forEach.call(def.childNodes, function (node) {
      if (node.nodeType === 1 && (node.matches(".footnote-definition-label, .footnote-back"))) return;
      var parts = node.nodeType === 1 && node.tagName === "P" ? node.childNodes : [node];
      Array.prototype.forEach.call(parts, function (part) {
        var copy = part.cloneNode(true);
        if (copy.nodeType === 1) {
          if (copy.id) copy.removeAttribute("id");
          $$("[id]", copy).forEach(function (x) { x.removeAttribute("id"); });
        }
        note.appendChild(copy);
      });
      note.appendChild(doc.createTextNode(" "));
    });
    ref.parentNode.insertAdjacentElement("afterend", note);
    refs.push(ref);
    ref.addEventListener("click", function (e) {
      if (wide.matches) return;
      e.preventDefault();
      var open = ref.getAttribute("aria-expanded") !== "true";
      ref.setAttribute("aria-expanded", open ? "true" : "false");
      note.classList.toggle("open", open);
    });
    ref.setAttribute("aria-controls", note.id);
  });
  function layout() {
    refs.forEach(function (ref) {
      if (wide.matches) ref.removeAttribute("aria-expanded");
      else ref.setAttribute("aria-expanded", $("#" + ref.getAttribute("aria-controls")).classList.contains("open") ? "true" : "false");
    });
  }
  layout();
  if (wide.addEventListener) wide.addEventListener("change", layout);
  if (refs.length) doc.documentElement.classList.add("has-sidenotes");

  /* ---- Contents: the link to the section being read is marked ---- */
  var toc = $(".toc");
  if (toc && "IntersectionObserver" in window) {
    var tocLinks = Array.prototype.slice.call(toc.querySelectorAll("a[href^='#']"));
    var sections = tocLinks.map(function (a) {
      return doc.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    });
    var markCurrent = function () {
      // The last section whose heading has passed the top third of the screen.
      var line = window.innerHeight / 3, current = -1;
      sections.forEach(function (h, i) {
        if (h && h.getBoundingClientRect().top <= line) current = i;
      });
      tocLinks.forEach(function (a, i) {
        if (i === current) a.setAttribute("aria-current", "true");
        else a.removeAttribute("aria-current");
      });
    };
    var seen = new IntersectionObserver(markCurrent, { rootMargin: "0px 0px -66% 0px" });
    sections.forEach(function (h) { if (h) seen.observe(h); });
    markCurrent();
  }

  /* ---- Search: the index comes in shards, fetched as a query needs them ---- */
  var input = $("#gloss-search");
  var WORD = null, MARKS, NOT_WORD;
  try {
    // A word: letters, digits and combining marks, with the marks that
    // transliterations write between letters, as the index's words are read.
    WORD = new RegExp("[\\p{Alphabetic}\\p{N}\\p{M}'`\\u00b4\\u02b9\\u02bb-\\u02bf\\u02c8\\u0640\\u2018\\u2019\\u201b\\u2032\\ua78c]+", "gu");
    MARKS = new RegExp("\\p{M}", "gu");
    NOT_WORD = new RegExp("[^\\p{Alphabetic}\\p{N}]", "gu");
  } catch (e) { WORD = null; }
  if (input && input.form && WORD && window.fetch && window.TextDecoder && "".normalize) (function () {
    var form = input.form;
    /* What only a reader with this script needs is made here: the field's
       part as a combobox, its popup, status line and list of results. */
    var set = function (node, attrs) {
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      return node;
    };
    set(input, { role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
      "aria-controls": "gloss-search-results", enterkeyhint: "search", autocomplete: "off",
      spellcheck: "false" });
    var popup = el("div", "search-popup");
    var status = set(el("p"), { id: "gloss-search-status", role: "status", "aria-live": "polite" });
    var results = set(el("ul"), { id: "gloss-search-results", role: "listbox",
      "aria-labelledby": "gloss-search-label" });
    results.hidden = true;
    popup.appendChild(status);
    popup.appendChild(results);
    form.appendChild(popup);
    var base = input.getAttribute("data-index");
    var SHOWN = 8, EXCERPT = 160, MAX_WORD = 40;
    /* The last word typed matches every word it starts, unless their shards
       would weigh more than this; then it must be whole. */
    var PREFIX_BYTES = 48 * 1024;
    /* A query of one letter is not searched: it matches too much to show. */
    var SHORTEST = 2;
    var SPECIAL = { "ς": "σ", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "ı": "i",
      "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th" };
    var manifest = null, loading = null, shards = {}, fragments = {}, asked = 0, active = -1;
    var utf8 = new TextDecoder();
    form.hidden = false;
    $$(".search-fallback").forEach(function (p) { p.hidden = true; });

    /* Folds a word as the index does (src/search/fold.rs): lower case,
       compatibility forms, no marks, no characters but letters and digits. */
    var fold = function (word) {
      return word.toLowerCase().normalize("NFKD").replace(MARKS, "")
        .replace(/[ςøđðłħıßæœþ]/g, function (c) { return SPECIAL[c]; })
        .replace(NOT_WORD, "");
    };
    var wordsOf = function (text) {
      var out = [], m;
      WORD.lastIndex = 0;
      while ((m = WORD.exec(text))) {
        var w = fold(m[0]);
        if (w && Array.from(w).length <= MAX_WORD) out.push({ w: w, start: m.index, end: m.index + m[0].length });
      }
      return out;
    };
    var fetched = function (url, read) {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return read(r);
      });
    };
    var load = function () {
      if (!loading) {
        loading = fetched(base + "index.json", function (r) { return r.json(); })
          .then(function (m) { manifest = m; })
          .catch(function (e) { loading = null; throw e; });
      }
      return loading;
    };
    /* A shard: each word with the pages holding it and its weight there. */
    var decode = function (buffer) {
      var bytes = new Uint8Array(buffer), at = 0, words = new Map();
      var varint = function () {
        var n = 0, scale = 1, b;
        do { b = bytes[at++]; n += (b & 127) * scale; scale *= 128; } while (b >= 128 && at < bytes.length);
        return n;
      };
      while (at < bytes.length) {
        var length = varint();
        var word = utf8.decode(bytes.subarray(at, at + length));
        at += length;
        var count = varint(), pages = new Array(count), weights = new Array(count), page = 0;
        for (var i = 0; i < count; i++) {
          page += varint();
          pages[i] = page;
          weights[i] = varint();
        }
        words.set(word, { pages: pages, weights: weights });
      }
      return words;
    };
    var shard = function (n) {
      if (!shards[n]) {
        shards[n] = fetched(base + "s/" + n + ".bin", function (r) { return r.arrayBuffer(); })
          .then(decode)
          .catch(function (e) { delete shards[n]; throw e; });
      }
      return shards[n];
    };
    /* A page's fragment, from the file it shares with its neighbours. */
    var fragment = function (id) {
      var per = manifest.fragment_pages, n = Math.floor(id / per);
      if (!fragments[n]) {
        fragments[n] = fetched(base + "p/" + n + ".json", function (r) { return r.json(); })
          .catch(function (e) { delete fragments[n]; throw e; });
      }
      return fragments[n].then(function (list) { return list[id % per]; });
    };
    /* The shard a word is in: the one whose key is its longest prefix. */
    var shardOf = function (word) {
      var best = -1, length = -1;
      manifest.shards.forEach(function (s, n) {
        if (word.lastIndexOf(s[0], 0) === 0 && s[0].length > length) { best = n; length = s[0].length; }
      });
      return best;
    };
    /* Every shard holding a word that starts with `prefix`. */
    var shardsStarting = function (prefix) {
      var own = shardOf(prefix), list = own >= 0 ? [own] : [];
      manifest.shards.forEach(function (s, n) {
        if (n !== own && s[0].lastIndexOf(prefix, 0) === 0) list.push(n);
      });
      return list;
    };
    /* The words of a query: each whole but the last one typed, which matches
       the words it starts while the cursor is still on it. */
    var parse = function (value) {
      var words = wordsOf(value), terms = [];
      var open = words.length && words[words.length - 1].end === value.length ? words.pop().w : null;
      words.forEach(function (w) {
        if (terms.every(function (t) { return t.word !== w.w; })) terms.push({ word: w.w, prefix: false });
      });
      if (open !== null) {
        var list = shardsStarting(open);
        var bytes = list.reduce(function (sum, n) { return sum + manifest.shards[n][1]; }, 0);
        terms.push(bytes <= PREFIX_BYTES ? { word: open, prefix: true, shards: list } : { word: open, prefix: false });
      }
      terms.forEach(function (t) {
        if (!t.shards) t.shards = shardOf(t.word) >= 0 ? [shardOf(t.word)] : [];
      });
      return terms;
    };
    var matches = function (term, word) {
      return term.prefix ? word.lastIndexOf(term.word, 0) === 0 : word === term.word;
    };
    /* A page's score for a word: its title above an alias, an alias above
       a tag, a tag above any number of times in the text; a rarer word counts
       more; a word the query only starts, less. */
    var weigh = function (weight, idf, whole) {
      var field = weight & 1 ? 32 : weight & 2 ? 16 : weight & 4 ? 8 : 0;
      var times = Math.floor(weight / 8);
      var text = times ? Math.min(6, 1 + Math.log2(times)) : 0;
      return (field + text) * idf * (whole ? 1 : 0.8);
    };
    /* Every page holding every term, best first. */
    var rank = function (terms, dicts) {
      var pages = manifest.pages, found = null;
      terms.forEach(function (term, i) {
        var scores = new Map();
        dicts[i].forEach(function (dict) {
          dict.forEach(function (entry, word) {
            if (!matches(term, word)) return;
            var idf = Math.log(1 + pages / entry.pages.length);
            for (var k = 0; k < entry.pages.length; k++) {
              var s = weigh(entry.weights[k], idf, word === term.word);
              var had = scores.get(entry.pages[k]);
              if (had === undefined || s > had) scores.set(entry.pages[k], s);
            }
          });
        });
        if (found === null) { found = scores; return; }
        var both = new Map();
        found.forEach(function (s, page) {
          var other = scores.get(page);
          if (other !== undefined) both.set(page, s + other);
        });
        found = both;
      });
      var list = [];
      (found || new Map()).forEach(function (s, page) { list.push({ page: page, score: s }); });
      list.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
      return list;
    };
    /* `text` as nodes, the words matching a term marked, cut to about
       EXCERPT characters around the first place most terms match. */
    var marked = function (text, terms, cut) {
      var words = wordsOf(text).filter(function (w) {
        return terms.some(function (t) { return matches(t, w.w); });
      });
      var from = 0, to = text.length;
      if (cut && text.length > EXCERPT) {
        var best = 0, bestCount = -1;
        words.forEach(function (w, i) {
          var seen = {};
          for (var j = i; j < words.length && words[j].end - w.start <= EXCERPT; j++) seen[words[j].w] = true;
          var count = Object.keys(seen).length;
          if (count > bestCount) { bestCount = count; best = w.start; }
        });
        from = Math.max(0, best - 40);
        while (from > 0 && /\S/.test(text.charAt(from - 1))) from--;
        to = Math.min(text.length, from + EXCERPT);
        while (to < text.length && /\S/.test(text.charAt(to))) to--;
        if (to <= from) to = Math.min(text.length, from + EXCERPT);
      }
      var out = doc.createDocumentFragment(), at = from;
      if (from > 0) out.appendChild(doc.createTextNode("… "));
      words.forEach(function (w) {
        if (w.start < from || w.end > to) return;
        out.appendChild(doc.createTextNode(text.slice(at, w.start)));
        out.appendChild(el("mark", null, text.slice(w.start, w.end)));
        at = w.end;
      });
      out.appendChild(doc.createTextNode(text.slice(at, to).replace(/\s+$/, "")));
      if (to < text.length) out.appendChild(doc.createTextNode(" …"));
      return out;
    };
    var options = function () { return $$("[role=option]", results); };
    var setActive = function (i) {
      var list = options();
      active = list.length ? (i + list.length) % list.length : -1;
      list.forEach(function (o, k) { o.setAttribute("aria-selected", k === active ? "true" : "false"); });
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", list[active].id);
        if (list[active].scrollIntoView) list[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    };
    var show = function (open) {
      var has = open && options().length > 0;
      input.setAttribute("aria-expanded", has ? "true" : "false");
      popup.classList.toggle("open", open && (has || status.textContent !== ""));
      results.hidden = !has;
    };
    var clear = function () {
      asked++;
      results.textContent = "";
      status.textContent = "";
      delete results.dataset.query;
      setActive(-1);
      show(false);
    };
    var render = function (query, terms, hits, pages) {
      results.textContent = "";
      setActive(-1);
      pages.forEach(function (p, i) {
        var li = el("li", "search-hit");
        li.id = "gloss-search-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-href", p.url);
        var head = el("span", "search-head");
        var title = el("span", "search-title");
        title.appendChild(marked(p.title, terms, false));
        head.appendChild(title);
        head.appendChild(el("span", "search-kind", say(p.kind === "term" ? "kind_term" : "kind_article")));
        li.appendChild(head);
        var excerpt = el("span", "search-excerpt");
        excerpt.appendChild(marked(p.text, terms, true));
        li.appendChild(excerpt);
        results.appendChild(li);
      });
      status.textContent = hits.length === 0 ? say("no_results")
        : hits.length === 1 ? say("one_result")
        : hits.length > pages.length ? say("results_shown", { n: number(hits.length), shown: number(pages.length) })
        : say("results", { n: number(hits.length) });
      results.dataset.query = query;
      show(true);
    };
    var search = function () {
      var query = input.value, mine = ++asked;
      var typed = wordsOf(query);
      if (!typed.length || (typed.length === 1 && Array.from(typed[0].w).length < SHORTEST)) { clear(); return; }
      load().then(function () {
        if (mine !== asked) return;
        var terms = parse(query);
        if (terms.some(function (t) { return !t.shards.length; })) return [terms, []];
        return Promise.all(terms.map(function (t) { return Promise.all(t.shards.map(shard)); }))
          .then(function (dicts) { return [terms, rank(terms, dicts)]; });
      }).then(function (found) {
        if (!found || mine !== asked) return;
        var hits = found[1], top = hits.slice(0, SHOWN);
        return Promise.all(top.map(function (h) { return fragment(h.page); })).then(function (pages) {
          if (mine === asked) render(query, found[0], hits, pages);
        });
      }).catch(function () {
        if (mine !== asked) return;
        results.textContent = "";
        status.textContent = say("unavailable");
        show(true);
      });
    };
    var open = function (option) {
      var href = option && option.getAttribute("data-href");
      if (href) window.location.href = href;
    };
    input.addEventListener("focus", function () {
      load().catch(function () { /* tried again on the next keystroke */ });
      if (input.value) show(true);
    });
    input.addEventListener("input", search);
    input.addEventListener("keydown", function (e) {
      var list = options();
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!list.length) return;
        e.preventDefault();
        show(true);
        if (e.key === "ArrowDown") setActive(active < 0 ? 0 : active + 1);
        else setActive(active < 0 ? list.length - 1 : active - 1);
      } else if (e.key === "Enter") {
        e.preventDefault();
        open(list[active >= 0 ? active : 0]);
      } else if (e.key === "Escape") {
        if (input.value || list.length) e.preventDefault();
        input.value = "";
        clear();
      }
    });
    /* A click on a hit opens it; pressing on one keeps focus in the box. */
    results.addEventListener("mousedown", function (e) { e.preventDefault(); });
    results.addEventListener("click", function (e) {
      open(e.target.closest ? e.target.closest("[role=option]") : null);
    });
    form.addEventListener("focusout", function (e) {
      if (!form.contains(e.relatedTarget)) show(false);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  })();
  else if (input) {
    doc.documentElement.classList.add("no-search");
  }

  /* ---- Zoom: a figure's original picture in a dialog, fitted or at full size ---- */
  var viewer = null, image, scroller, caption, credit, sizeButton, closeButton;
  var opener = null, wanted = null, downOnBackdrop = false;

  function textOf(node) { return node ? node.textContent.replace(/\s+/g, " ").trim() : ""; }

  function makeViewer() {
    viewer = el("dialog", "zoom-viewer");
    var bar = el("div", "zoom-bar");
    sizeButton = el("button", "zoom-size", say("actual_size"));
    sizeButton.type = "button";
    closeButton = el("button", "zoom-close", say("close"));
    closeButton.type = "button";
    bar.appendChild(sizeButton);
    bar.appendChild(closeButton);
    scroller = el("div", "zoom-scroller");
    image = el("img", "zoom-image");
    scroller.appendChild(image);
    var words = el("div", "zoom-words");
    caption = el("p", "zoom-caption");
    caption.id = "gloss-zoom-caption";
    credit = el("p", "zoom-credit");
    words.appendChild(caption);
    words.appendChild(credit);
    viewer.appendChild(bar);
    viewer.appendChild(scroller);
    viewer.appendChild(words);
    doc.body.appendChild(viewer);

    closeButton.addEventListener("click", function () { viewer.close(); });
    sizeButton.addEventListener("click", function () {
      var r = scroller.getBoundingClientRect();
      resize(!actual(), r.left + r.width / 2, r.top + r.height / 2);
    });
    image.addEventListener("click", function (e) { resize(!actual(), e.clientX, e.clientY); });
    // The dark space around the picture is the backdrop: a click that
    // starts and ends there closes the dialog.
    viewer.addEventListener("pointerdown", function (e) {
      downOnBackdrop = e.target === viewer || e.target === scroller;
    });
    viewer.addEventListener("click", function (e) {
      if (downOnBackdrop && (e.target === viewer || e.target === scroller)) viewer.close();
      downOnBackdrop = false;
    });
    // Tab goes round the dialog's controls instead of out to the browser's.
    viewer.addEventListener("keydown", function (e) {
      if (e.key !== "Tab") return;
      var stops = $$("button, [tabindex='0']", viewer);
      var end = e.shiftKey ? stops[0] : stops[stops.length - 1];
      if (doc.activeElement !== end) return;
      e.preventDefault();
      (e.shiftKey ? stops[stops.length - 1] : stops[0]).focus();
    });
    // Escape, the Close button or the backdrop: focus goes back to the link,
    // even where a click did not focus it (Safari).
    viewer.addEventListener("close", function () {
      wanted = null;
      if (opener) opener.focus();
    });
  }

  function actual() { return viewer.classList.contains("actual"); }

  function showActual(full) {
    viewer.classList.toggle("actual", full);
    sizeButton.setAttribute("aria-pressed", full ? "true" : "false");
    // At actual size the picture pans from the keyboard too, once its scroller has focus.
    scroller.tabIndex = full ? 0 : -1;
  }

  /* Switches between fitted and actual size, keeping the point of the
     picture at (x, y) on the screen where it is, as far as scrolling allows. */
  function resize(full, x, y) {
    var before = image.getBoundingClientRect();
    var fx = before.width ? (x - before.left) / before.width : 0.5;
    var fy = before.height ? (y - before.top) / before.height : 0.5;
    showActual(full);
    var after = image.getBoundingClientRect();
    scroller.scrollLeft += after.left + fx * after.width - x;
    scroller.scrollTop += after.top + fy * after.height - y;
  }

  /* The picture's full size, which the stylesheet fits to the screen. */
  function measure(w, h) {
    if (!w || !h) return;
    image.style.setProperty("--zoom-width", w + "px");
    image.style.setProperty("--zoom-ratio", String(w / h));
  }

  function openViewer(link, shown) {
    if (!viewer) makeViewer();
    var figure = link.closest("figure") || link;
    var href = link.href;
    opener = link;
    wanted = href;
    // The picture already on the page, if it has loaded, stands in until the original arrives.
    image.src = shown.complete && shown.naturalWidth ? shown.currentSrc || shown.src : href;
    image.alt = shown.alt;
    image.style.removeProperty("--zoom-width");
    image.style.removeProperty("--zoom-ratio");
    measure(+shown.getAttribute("width") || shown.naturalWidth, +shown.getAttribute("height") || shown.naturalHeight);
    var original = new Image();
    original.onload = function () {
      if (wanted !== href) return;
      image.src = href;
      measure(original.naturalWidth, original.naturalHeight);
    };
    original.src = href;

    var label = [textOf($(".figure-label", figure)), textOf($(".caption", figure))].join(" ").trim();
    caption.textContent = label;
    caption.hidden = !label;
    credit.textContent = textOf($(".credit", figure));
    credit.hidden = !credit.textContent;
    if (label) {
      viewer.setAttribute("aria-labelledby", caption.id);
      viewer.removeAttribute("aria-label");
    } else {
      viewer.removeAttribute("aria-labelledby");
      viewer.setAttribute("aria-label", shown.alt || say("picture"));
    }

    showActual(false);
    viewer.showModal();
    scroller.scrollTop = scroller.scrollLeft = 0;
    closeButton.focus();
  }

  $$("a.zoom[href]").forEach(function (link) {
    link.addEventListener("click", function (e) {
      var shown = $("img", link);
      // Other buttons and modified clicks keep their meaning (a new tab, a
      // download), and without <dialog> the link simply leads to the file.
      if (!shown || !window.HTMLDialogElement || e.defaultPrevented) return;
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      openViewer(link, shown);
    });
  });
})();
