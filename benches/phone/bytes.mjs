// What a phone downloads to read a page to its end: served over HTTP on
// 127.0.0.1 from a built site, loaded in Debian's headless Chromium at
// 390 x 844 CSS pixels and a device pixel ratio of 3 (the size of most
// phones sold now), scrolled to the bottom so that lazy pictures load.
// Prints the bytes of every response, by kind, as the network counted them.
//
//   node benches/phone/bytes.mjs SITE_DIR /articles/tabriz-1909/
//
// (BENCHMARKS.md, "Pictures".)

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [root, page = '/'] = process.argv.slice(2);
if (!root) {
  console.error('usage: node benches/phone/bytes.mjs SITE_DIR [PAGE]');
  process.exit(2);
}

const types = {
  '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.webp': 'image/webp', '.json': 'application/json', '.xml': 'application/xml',
};
const server = http.createServer((req, res) => {
  let file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (file.endsWith('/')) file = path.join(file, 'index.html');
  fs.readFile(file, (err, body) => {
    if (err) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(body);
  });
});
await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true,
});
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
