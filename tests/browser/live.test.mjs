// `gloss serve`'s live reload in Chromium: a page opened from the server
// reloads when its article is saved, swaps a stylesheet in place when only
// the stylesheet is saved, shows a failed build over the page as text, and
// clears it when the problem is fixed.
//
// tests/browser.rs starts `gloss serve` on a copy of the demo site whose
// footer links a stylesheet of its own (`static/live.css`), and sets
// GLOSS_SERVE_URL and GLOSS_SERVE_ROOT.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { ARTICLE, TIMEOUT, launch, newContext } from './harness.mjs';

const SERVED = process.env.GLOSS_SERVE_URL?.replace(/\/+$/, '');
const ROOT = process.env.GLOSS_SERVE_ROOT;
const FILE = path.join(ROOT ?? '', 'content/articles/tabriz-1909.md');
const STYLES = path.join(ROOT ?? '', 'static/live.css');
// A rebuild of the demo site and the event that follows take well under a
// second; the waits below end as soon as their condition holds.
const REBUILD = TIMEOUT * 2;

let browser;
before(async () => {
  assert.ok(SERVED && ROOT, 'GLOSS_SERVE_URL and GLOSS_SERVE_ROOT: run through `cargo test --test browser`');
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * Counts, in each document, the server's `hello` on the event stream: the
 * page is listening for changes once it is 1.
 */
async function countHellos(context) {
  await context.addInitScript(() => {
    const Original = window.EventSource;
    window.EventSource = class extends Original {
      constructor(...args) {
        super(...args);
        this.addEventListener('hello', () => { window.hellos = (window.hellos ?? 0) + 1; });
      }
    };
  });
}

const listening = (page) => page.waitForFunction(() => window.hellos >= 1, null, { timeout: REBUILD });

/** The page, listening, with a mark that lasts until it is reloaded. */
async function openArticle(context) {
  await countHellos(context);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  await page.goto(SERVED + ARTICLE, { waitUntil: 'load' });
  await listening(page);
  await page.evaluate(() => { window.notReloaded = true; });
  return { page, problems };
}

const reloaded = (page) => page.evaluate(() => window.notReloaded !== true);

test('live reload: a save reloads, a stylesheet swaps in place, a failed build shows and clears', async () => {
  const original = fs.readFileSync(FILE, 'utf8');
  const context = await newContext(browser);
  try {
    const { page, problems } = await openArticle(context);

    // 1. A saved edit to the article reloads the page with the edit in it.
    const sentence = 'A sentence saved while the page was open.';
    fs.writeFileSync(FILE, `${original}\n${sentence}\n`);
    await page.waitForFunction((s) => document.body?.textContent.includes(s), sentence, { timeout: REBUILD });
    assert.equal(await reloaded(page), true, 'the edit came by a reload');
    await listening(page);
    await page.evaluate(() => { window.notReloaded = true; });

    // 2. A saved stylesheet: the page's styles change, under the
    //    stylesheet's new fingerprinted name, without a reload.
    const link = page.locator('link[rel="stylesheet"][href*="/live."]');
    const before = await link.getAttribute('href');
    const outline = () => page.evaluate(() => getComputedStyle(document.querySelector('main')).outlineColor);
    assert.equal(await outline(), 'rgb(1, 2, 3)');
    fs.writeFileSync(STYLES, 'main { outline: 1px solid rgb(4, 5, 6); }\n');
    await page.waitForFunction(
      () => getComputedStyle(document.querySelector('main')).outlineColor === 'rgb(4, 5, 6)',
      null,
      { timeout: REBUILD },
    );
    assert.equal(await reloaded(page), false, 'the stylesheet came without a reload');
    const now = await link.getAttribute('href');
    assert.notEqual(now, before, 'the stylesheet is linked under its new name');
    assert.match(now, /\/live\.[0-9a-f]{10}\.css$/);

    // 3. A save with a problem: the last good page stays, under an overlay
    //    that shows the error as text (the key below would be markup).
    fs.writeFileSync(FILE, original.replace('+++\n', '+++\n"<b>bold</b>" = 1\n'));
    const overlay = page.locator('#gloss-error-overlay');
    await overlay.waitFor({ state: 'visible', timeout: REBUILD });
    const text = await overlay.textContent();
    assert.match(text, /the build failed/);
    assert.match(text, /content\/articles\/tabriz-1909\.md:2:1/);
    assert.ok(text.includes('<b>bold</b>'), `the key is shown as written: ${text}`);
    assert.equal(await overlay.locator('b').count(), 0, 'no markup from the error');
    assert.equal(await overlay.getAttribute('role'), 'alert');
    assert.equal(await reloaded(page), false, 'a failed build keeps the page');

    // 4. The fix: the overlay goes, and the page reloads with the fixed text.
    fs.writeFileSync(FILE, original);
    await page.waitForFunction(
      (s) => !document.getElementById('gloss-error-overlay') && !document.body?.textContent.includes(s),
      sentence,
      { timeout: REBUILD },
    );
    await page.waitForLoadState('load');
    assert.equal(await page.locator('#gloss-error-overlay').count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    fs.writeFileSync(FILE, original);
    await context.close();
  }
});
