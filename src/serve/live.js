// gloss serve: reloads the page when the site is rebuilt, reloads only the
// stylesheets when only CSS changed, and shows a failed build over the page.
(() => {
  const generation = __GLOSS_GENERATION__;
  const events = new EventSource("/__gloss/events");
  let overlay = null;

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function show(text) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "gloss-error-overlay";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:rgba(20,16,12,.94);color:#f6efe4;font:14px/1.5 ui-monospace,monospace";
    const title = document.createElement("h2");
    title.textContent = "gloss: the build failed; showing the last good site";
    title.style.cssText = "font:bold 16px/1.4 system-ui,sans-serif;margin:0 0 1rem;color:#ff9b7a";
    const body = document.createElement("pre");
    body.textContent = text; // text, never HTML
    body.style.cssText = "white-space:pre-wrap;margin:0";
    overlay.append(title, body);
    document.body.append(overlay);
  }

  // `renamed` maps the old URL of each stylesheet whose fingerprinted name
  // changed to its new one; the others are fetched again under their names.
  function reloadStyles(renamed) {
    const to = new Map(
      Object.entries(renamed).map(([from, now]) => [new URL(from, location.href).pathname, now])
    );
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      if (to.has(url.pathname)) {
        link.href = to.get(url.pathname);
        continue;
      }
      url.searchParams.set("gloss-reload", Date.now());
      link.href = url.href;
    }
  }

  events.addEventListener("hello", (e) => {
    const state = JSON.parse(e.data);
    if (state.generation !== generation) {
      location.reload();
    } else if (state.error) {
      show(state.error);
    }
  });
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("css", (e) => {
    hide();
    reloadStyles(JSON.parse(e.data));
  });
  events.addEventListener("build-error", (e) => show(JSON.parse(e.data)));
})();
