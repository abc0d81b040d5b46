// What a phone downloads to read a page to its end: served over HTTP on
// 127.0.0.1 from a built site, loaded in Debian's headless Chromium at
// 390 x 844 CSS pixels and a device pixel ratio of 3 (the size of most
// phones sold now), scrolled to the bottom so that lazy pictures load.
// Prints the bytes of every response, by kind, as the network counted them.
//
//   node benches/phone/bytes.mjs SITE_DIR /articles/tabriz-1909/
//
// (BENCHMARKS.md, "Pictures".)

import { PHONE, launch, serve } from './common.mjs';

const [root, page = '/'] = process.argv.slice(2);
if (!root) {
  console.error('usage: node benches/phone/bytes.mjs SITE_DIR [PAGE]');
  process.exit(2);
}

const { server, base } = await serve(root);
const browser = await launch();
const context = await browser.newContext(PHONE);
const tab = await context.newPage();
const bytes = {};
const files = [];
tab.on('response', async (response) => {
  try {
    const body = await response.body();
    const kind = (response.headers()['content-type'] || '').split(';')[0];
    bytes[kind] = (bytes[kind] || 0) + body.length;
    files.push(`${body.length}\t${new URL(response.url()).pathname}`);
  } catch { /* a redirect has no body */ }
});
await tab.goto(base + page, { waitUntil: 'networkidle' });
// Scroll to the end a screen at a time, as a reader would.
for (;;) {
  const done = await tab.evaluate(() => {
    window.scrollBy(0, window.innerHeight);
    return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight;
  });
  await tab.waitForTimeout(150);
  if (done) break;
}
await tab.waitForLoadState('networkidle');
await tab.waitForTimeout(500);
await browser.close();
server.close();

let total = 0;
for (const line of files.sort()) console.log(line);
for (const [kind, n] of Object.entries(bytes).sort()) {
  console.log(`${kind}\t${n}`);
  total += n;
}
const images = Object.entries(bytes).filter(([k]) => k.startsWith('image/')).reduce((s, [, n]) => s + n, 0);
console.log(`images\t${images}`);
console.log(`total\t${total}`);
