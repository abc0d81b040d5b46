// What a first search costs a phone: served over HTTP on 127.0.0.1 from a
// built site, the home page loaded in Debian's headless Chromium at 390 x 844
// CSS pixels, then a query typed into the header's search box one key every
// 120 ms, as a quick typist types. Prints, for each query, the bytes of the
// search index's files fetched (the manifest, shards and fragments of
// `search-index/`, or the whole of an older site's `search.json`), how many
// files, and the time from the last keystroke to the last change of the
// list of hits (the hits for the whole query), as the page's own clock
// measured them.
//
//   node benches/phone/search.mjs SITE_DIR [QUERY...]
//
// (BENCHMARKS.md, "Search".)

import { PHONE, launch, serve } from './common.mjs';

const [root, ...given] = process.argv.slice(2);
if (!root) {
  console.error('usage: node benches/phone/search.mjs SITE_DIR [QUERY...]');
  process.exit(2);
}
const queries = given.length ? given : ['qajar'];

const { server, base } = await serve(root);
const browser = await launch();

console.log('query\tbytes\tfiles\tms after the last key');
for (const query of queries) {
  // A fresh context each time: nothing cached, a first query.
  const context = await browser.newContext(PHONE);
  const tab = await context.newPage();
  const bodies = [];
  tab.on('response', (response) => {
    const p = new URL(response.url()).pathname;
    if (!p.startsWith('/search-index/') && p !== '/search.json') return;
    bodies.push(response.body().then((b) => b.length, () => 0));
  });
  await tab.goto(base + '/', { waitUntil: 'networkidle' });
  await tab.evaluate(() => {
    window.__times = { key: 0, shown: [] };
    const box = document.querySelector('#gloss-search');
    const list = document.querySelector('#gloss-search-results');
    // Captured on the way down, before the page's own listener runs.
    window.addEventListener('input', () => { window.__times.key = performance.now(); }, true);
    // The script marks the list with the query whose hits it shows.
    new MutationObserver(() => {
      window.__times.shown.push([performance.now(), list.getAttribute('data-query'), box.value]);
    }).observe(list, { attributes: true, attributeFilter: ['data-query'], childList: true });
  });
  await tab.locator('#gloss-search').click();
  await tab.locator('#gloss-search').pressSequentially(query, { delay: 120 });
  // Settled: nothing changes for a second and a half.
  await tab.waitForTimeout(1500);
  await tab.waitForLoadState('networkidle');
  const { key, shown: log } = await tab.evaluate(() => window.__times);
  // The first time the hits of the whole query were shown; a site from
  // before `data-query` (the whole-index `search.json`): the last change
  // to the list after the last key.
  const marked = log.some(([, q]) => q !== null);
  const final = marked
    ? log.find(([t, q, value]) => q === value && value === query && t >= key)
    : log.filter(([t]) => t >= key).pop();
  const shown = final ? final[0] : NaN;
  const sizes = await Promise.all(bodies);
  const bytes = sizes.reduce((a, b) => a + b, 0);
  const hits = await tab.locator('#gloss-search-results li').count();
  console.log(`${query}\t${bytes}\t${sizes.length}\t${(shown - key).toFixed(1)}\t(${hits} shown)`);
  await context.close();
}
await browser.close();
server.close();
