// Search in headless Chromium: typed into the header's box, it fetches the
// manifest and only the shards and fragments the query needs, lists hits
// with their kind and an excerpt with the matched words marked, and works
// from the keyboard alone as a combobox (WAI-ARIA APG): arrows move through
// the options (`aria-activedescendant`), Enter opens one, Escape clears.
// Without JavaScript the header points to the lists instead.
//
// The contract: `#gloss-search` (role=combobox, `aria-expanded`,
// `aria-controls`), `#gloss-search-results` (role=listbox) of
// `[role=option][data-href]` holding `.search-title`, `.search-kind` and
// `.search-excerpt` with `<mark>`s; `#gloss-search-status` (a live region)
// says how many; `.search-fallback` holds the links shown without a script.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  NARROW,
  WIDE,
  axeViolations,
  describeViolations,
  launch,
  load,
  newContext,
  screenshot,
  url,
  watch,
} from './harness.mjs';

const BOX = '#gloss-search';
const OPTION = '#gloss-search-results [role=option]';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Runs `body(page, fetched)` on the home page in a fresh context;
 * `fetched` lists the paths of the search index's files requested. */
async function onHome(options, body) {
  const context = await newContext(browser, options);
  try {
    const page = await context.newPage();
    const { problems } = watch(page);
    const fetched = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/search-index/') || path === '/search.json') fetched.push(path);
    });
    await load(page, '/');
    await body(page, fetched);
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
}

/** Types `query` into the box and waits for the hits shown for it. */
async function search(page, query) {
  const box = page.locator(BOX);
  await box.click();
  await box.pressSequentially(query);
  await page.locator(`#gloss-search-results[data-query="${query}"]`).waitFor({ state: 'attached' });
}

test('the keyboard alone finds a term, moves through the hits and opens one', async () => {
  await onHome({ viewport: WIDE }, async (page) => {
    // From the top of the page, Tab reaches the box.
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'gloss-search')) break;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'gloss-search');
    const box = page.locator(BOX);
    assert.equal(await box.getAttribute('role'), 'combobox');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    await page.keyboard.type('shah');
    await page.locator('#gloss-search-results[data-query="shah"]').waitFor({ state: 'attached' });
    const options = page.locator(OPTION);
    const count = await options.count();
    assert.ok(count >= 2, `${count} hits for "shah"`);
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    assert.match(await page.locator('#gloss-search-status').textContent(), /^\d+ results/);
    assert.equal(await page.locator('#gloss-search-status').getAttribute('role'), 'status');

    await page.keyboard.press('ArrowDown');
    const first = await options.nth(0).getAttribute('id');
    assert.equal(await box.getAttribute('aria-activedescendant'), first);
    assert.equal(await options.nth(0).getAttribute('aria-selected'), 'true');
    // The option shown as chosen is visibly marked.
    const outline = await options.nth(0).evaluate((o) => getComputedStyle(o).outlineStyle);
    assert.notEqual(outline, 'none');
    await page.keyboard.press('ArrowDown');
    assert.equal(await box.getAttribute('aria-activedescendant'), await options.nth(1).getAttribute('id'));
    assert.equal(await options.nth(0).getAttribute('aria-selected'), 'false');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    // Up from the first wraps to the last.
    assert.equal(
      await box.getAttribute('aria-activedescendant'),
      await options.nth(count - 1).getAttribute('id'),
    );
    // Focus never left the box.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'gloss-search');
    await screenshot(page, 'search-keyboard-1280');

    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe with hits shown:\n${describeViolations(violations)}`);

    await page.keyboard.press('ArrowDown');
    const href = await options.nth(0).getAttribute('data-href');
    await Promise.all([page.waitForURL(url(href)), page.keyboard.press('Enter')]);
  });
});

test('Escape clears the box and closes the list', async () => {
  await onHome({ viewport: WIDE }, async (page) => {
    await search(page, 'tabriz');
    assert.ok((await page.locator(OPTION).count()) > 0);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator(BOX).inputValue(), '');
    assert.equal(await page.locator(OPTION).count(), 0);
    assert.equal(await page.locator(BOX).getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator(BOX).getAttribute('aria-activedescendant'), null);
  });
});

test('a word deep in a note is found, marked in its excerpt, from a few small files', async () => {
  await onHome({ viewport: WIDE }, async (page, fetched) => {
    await search(page, 'duma');
    const hit = page.locator(`${OPTION}[data-href="/articles/tabriz-1909/"]`);
    assert.equal(await hit.count(), 1);
    assert.equal(await hit.locator('.search-kind').textContent(), 'Article');
    const excerpt = hit.locator('.search-excerpt');
    assert.deepEqual(await excerpt.locator('mark').allTextContents(), ['Duma']);
    const text = await excerpt.textContent();
    assert.ok(text.length < 200, `a short excerpt: ${text}`);
    assert.match(text, /legislature/);
    // The manifest once, a few shards for the words typed on the way
    // ("d", "du", "dum", "duma"), and the fragments of the hits shown on
    // the way, each file once.
    assert.ok(!fetched.includes('/search.json'));
    assert.equal(fetched.filter((p) => p === '/search-index/index.json').length, 1);
    const shards = fetched.filter((p) => p.startsWith('/search-index/s/'));
    const fragments = fetched.filter((p) => p.startsWith('/search-index/p/'));
    assert.ok(shards.length >= 1 && shards.length <= 8, `shards: ${shards}`);
    assert.ok(fragments.length >= 1, `fragments: ${fragments}`);
    assert.equal(new Set(fetched).size, fetched.length, `a file fetched twice: ${fetched}`);
  });
});

test('accents and case are folded: QĀJĀR finds the Qajar dynasty first', async () => {
  await onHome({ viewport: WIDE }, async (page) => {
    await search(page, 'QĀJĀR');
    const first = page.locator(OPTION).first();
    assert.equal(await first.getAttribute('data-href'), '/glossary/qajar-dynasty/');
    assert.equal(await first.locator('.search-kind').textContent(), 'Glossary');
    assert.deepEqual(await first.locator('.search-title mark').allTextContents(), ['Qajar']);
    // A word typed with a transliteration mark is the same word.
    await page.keyboard.press('Escape');
    await search(page, 'ta‘briz');
    assert.ok((await page.locator(`${OPTION}[data-href="/glossary/tabriz/"]`).count()) === 1);
  });
});

test('on a phone the hits fit the screen and pass axe', async () => {
  await onHome({ viewport: NARROW }, async (page) => {
    // The box has a visible label and a hint.
    const label = page.locator('label[for="gloss-search"]');
    assert.ok(await label.isVisible());
    assert.equal(await page.locator(BOX).getAttribute('placeholder'), 'Articles and terms');
    await search(page, 'revolution');
    const popup = await page.locator('.search-popup').boundingBox();
    assert.ok(popup.x >= 0 && popup.x + popup.width <= NARROW.width, JSON.stringify(popup));
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    assert.ok(scrollWidth <= clientWidth, `${scrollWidth}px wide in ${clientWidth}px`);
    await screenshot(page, 'search-390');
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe at 390px:\n${describeViolations(violations)}`);
  });
});

test('without JavaScript the header links to the articles and the glossary', async () => {
  const context = await newContext(browser, { viewport: NARROW, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await load(page, '/articles/tabriz-1909/');
    assert.equal(await page.locator(BOX).isVisible(), false);
    const fallback = page.locator('.search-fallback');
    assert.ok(await fallback.isVisible());
    const links = await fallback.locator('a').evaluateAll((as) =>
      as.map((a) => new URL(a.href).pathname),
    );
    assert.deepEqual(links, ['/', '/glossary/']);
    await screenshot(page, 'search-nojs-390');
  } finally {
    await context.close();
  }
});
