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
    return Object.prototype.hasOwnProperty.call(data, href) ? data[href] : null;
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
    var more = el("a", "popover-more", p.kind === "term" ? "Full entry" : "Read the article");
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

  /* ---- Search ---- */
  var input = $("#gloss-search");
  var results = $("#gloss-search-results");
  if (input && results) {
    var form = input.form;
    var status = $("#gloss-search-status");
    var index = null, loading = null;
    form.hidden = false;
    var fold = function (s) {
      return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    };
    var load = function () {
      if (!loading) {
        loading = fetch(input.getAttribute("data-index"))
          .then(function (r) { return r.json(); })
          .then(function (list) {
            index = list.map(function (x) {
              return { item: x, title: fold(x.title), aliases: (x.aliases || []).map(fold),
                text: fold(x.summary + " " + x.text) };
            });
          })
          .catch(function () { loading = null; });
      }
      return loading;
    };
    var search = function () {
      var q = fold(input.value).trim();
      results.textContent = "";
      if (status) status.textContent = "";
      if (!q || !index) return;
      var found = [];
      index.forEach(function (x) {
        var score = x.title.indexOf(q) === 0 ? 0 : x.title.indexOf(q) > 0 ? 1
          : x.aliases.some(function (a) { return a.indexOf(q) >= 0; }) ? 2
          : x.text.indexOf(q) >= 0 ? 3 : -1;
        if (score >= 0) found.push({ score: score, item: x.item });
      });
      found.sort(function (a, b) { return a.score - b.score || a.item.title.localeCompare(b.item.title); });
      var shown = found.slice(0, 8);
      if (status) status.textContent = shown.length ? shown.length + (shown.length === 1 ? " result" : " results") : "No results";
      shown.forEach(function (f) {
        var li = el("li");
        var a = el("a", null, f.item.title);
        a.href = f.item.url;
        li.appendChild(a);
        li.appendChild(el("span", "search-kind", f.item.kind === "term" ? " glossary" : " article"));
        results.appendChild(li);
      });
    };
    input.addEventListener("focus", load);
    input.addEventListener("input", function () { load().then(search); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { input.value = ""; results.textContent = ""; }
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = $("a", results);
      if (first) window.location.href = first.href;
    });
  }

  /* ---- Zoom: a figure's original picture in a dialog, fitted or at full size ---- */
  var viewer = null, image, scroller, caption, credit, sizeButton, closeButton;
  var opener = null, wanted = null, downOnBackdrop = false;

  function textOf(node) { return node ? node.textContent.replace(/\s+/g, " ").trim() : ""; }

  function makeViewer() {
    viewer = el("dialog", "zoom-viewer");
    var bar = el("div", "zoom-bar");
    sizeButton = el("button", "zoom-size", "Actual size");
    sizeButton.type = "button";
    closeButton = el("button", "zoom-close", "Close");
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
      viewer.setAttribute("aria-label", shown.alt || "Picture");
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
