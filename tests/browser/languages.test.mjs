// The demo's Persian pages in headless Chromium: the language switch leads
// between the two versions of a page, the layout mirrors (side notes in
// the margin on the left, the text running right to left),
// and the term cards and search work right to left.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { NARROW, WIDE, launch, load, newContext, screenshot, watch } from './harness.mjs';

const ARTICLE = '/articles/tabriz-1909/';
const PERSIAN = '/fa/articles/tabriz-1909/';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function onPage(path, options, body) {
  const context = await newContext(browser, options);
  try {
    const page = await context.newPage();
    const { problems } = watch(page);
    await load(page, path);
    await body(page);
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
}

test('the switch leads from an article to its translation and back', async () => {
  await onPage(ARTICLE, { viewport: WIDE }, async (page) => {
    await page.locator('.language-switch a[hreflang="fa"]').click();
    await page.waitForURL(`**${PERSIAN}`);
    const html = page.locator('html');
    assert.equal(await html.getAttribute('lang'), 'fa');
    assert.equal(await html.getAttribute('dir'), 'rtl');
    const current = page.locator('.language-switch a[aria-current]');
    assert.equal((await current.innerText()).trim(), 'فارسی');
    await page.locator('.language-switch a[hreflang="en"]').click();
    await page.waitForURL(`**${ARTICLE}`);
    assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
  });
});

test('on a wide screen the Persian article mirrors: its side notes are on the left', async () => {
  await onPage(PERSIAN, { viewport: WIDE }, async (page) => {
    await screenshot(page, `fa-article-mirrored-${WIDE.width}`);
    const main = await page.locator('main').boundingBox();
    const heading = await page.locator('main h1').boundingBox();
    // Right to left: a heading starts at the right edge of the column.
    assert.ok(
      Math.abs(heading.x + heading.width - (main.x + main.width)) < 40,
      `the heading hugs the right of the column: ${JSON.stringify({ heading, main })}`,
    );
    const note = page.locator('.sidenote').first();
    await note.waitFor({ state: 'visible' });
    const box = await note.boundingBox();
    assert.ok(box.x + box.width <= main.x + 8, `the side note is left of the text: ${JSON.stringify({ box, main })}`);
  });
});

test('a Persian term card opens by its word and stays on screen', async () => {
  for (const viewport of [NARROW, WIDE]) {
    await onPage(PERSIAN, { viewport, hasTouch: false }, async (page) => {
      const link = page.locator('main a.term[data-term="majlis"]').first();
      await link.scrollIntoViewIfNeeded();
      await link.hover();
      const card = page.locator('#gloss-popover');
      await card.waitFor({ state: 'visible' });
      assert.equal((await card.locator('.popover-title').innerText()).trim(), 'مجلس');
      assert.equal((await card.locator('a.popover-more').innerText()).trim(), 'مدخل کامل');
      const box = await card.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, `the card fits: ${JSON.stringify(box)}`);
      await screenshot(page, `fa-popover-${viewport.width}`);
    });
  }
});

test('Persian search finds Persian text and speaks Persian', async () => {
  await onPage('/fa/', { viewport: WIDE }, async (page) => {
    const box = page.locator('#gloss-search');
    await box.fill('تبریز');
    const results = page.locator('#gloss-search-results [role=option]');
    await results.first().waitFor({ state: 'visible' });
    const first = await results.first().innerText();
    assert.match(first, /تبریز/);
    const links = await results.evaluateAll((os) => os.map((o) => new URL(o.dataset.href, document.baseURI).pathname));
    assert.ok(links.length > 0 && links.every((p) => p.startsWith('/fa/')), `results are the Persian pages: ${links}`);
    assert.match(await page.locator('#gloss-search-status').textContent(), /^[۰-۹]+ نتیجه|^۱ نتیجه/);
    await box.fill('زززززز');
    await page.waitForFunction(
      () => document.querySelector('#gloss-search-status').textContent === 'نتیجه‌ای یافت نشد',
    );
  });
});
