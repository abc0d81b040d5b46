// Lists of many articles and long articles in headless Chromium: a list's
// pages reached from the keyboard alone, the contents at the top on a phone
// and in the margin on a wide screen, marking the section being read, and
// every such page passing axe without sideways scrolling.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  LISTS,
  NARROW,
  WIDE,
  axeViolations,
  describeViolations,
  launch,
  newContext,
  screenshot,
} from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function open(context, path) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const response = await page.goto(LISTS + path, { waitUntil: 'networkidle' });
  assert.equal(response.status(), 200, `status of ${path}`);
  return { page, errors };
}

for (const viewport of [NARROW, WIDE]) {
  for (const path of ['/', '/page/2/', '/tags/odd/', '/series/numbers/page/3/', '/articles/n01/']) {
    test(`${path} at ${viewport.width}px passes axe and fits`, async () => {
      const context = await newContext(browser, { viewport });
      try {
        const { page, errors } = await open(context, path);
        const name = `lists${path.replace(/\//g, '-')}${viewport.width}`;
        await screenshot(page, name);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        assert.ok(scrollWidth <= clientWidth, `${path} scrolls sideways: ${scrollWidth} > ${clientWidth}`);
        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, `axe on ${path}:\n${describeViolations(violations)}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
}

test('a list is paged through with the keyboard alone', async () => {
  const context = await newContext(browser, { viewport: NARROW });
  try {
    const { page } = await open(context, '/');
    const titles = () => page.$$eval('.page-list h2', (hs) => hs.map((h) => h.textContent.trim()));
    assert.equal((await titles()).length, 20);
    assert.equal((await titles())[0], 'Number 1');
    // Tab until the "Next" link of the page navigation has focus.
    let focused = '';
    for (let i = 0; i < 200 && focused !== 'next'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement.closest('.pager-next') ? 'next' : ''));
    }
    assert.equal(focused, 'next', 'the next page is reached by Tab');
    // Its focus is visible.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none');
    await Promise.all([page.waitForURL(LISTS + '/page/2/'), page.keyboard.press('Enter')]);
    assert.equal((await titles())[0], 'Number 21');
    const current = await page.$eval('.pager [aria-current=page]', (a) => a.textContent.trim());
    assert.equal(current, 'Page 2');
    // A target large enough for a finger.
    const box = await page.$eval('.pager-next a', (a) => a.getBoundingClientRect().height);
    assert.ok(box >= 24, `the next link is ${box}px tall`);
  } finally {
    await context.close();
  }
});

test('the contents sit at the top on a phone and in the margin on a wide screen', async () => {
  for (const viewport of [NARROW, WIDE]) {
    const context = await newContext(browser, { viewport });
    try {
      const { page } = await open(context, '/articles/n01/');
      const place = await page.evaluate(() => {
        const toc = document.querySelector('.toc').getBoundingClientRect();
        const body = document.querySelector('.body p').getBoundingClientRect();
        return { tocRight: toc.right, tocBottom: toc.bottom, bodyLeft: body.left, bodyTop: body.top };
      });
      if (viewport === NARROW) {
        assert.ok(place.tocBottom <= place.bodyTop, `above the text on a phone: ${JSON.stringify(place)}`);
      } else {
        assert.ok(place.tocRight <= place.bodyLeft, `left of the text on a wide screen: ${JSON.stringify(place)}`);
      }
    } finally {
      await context.close();
    }
  }
});

test('the contents follow the reader on a wide screen and mark the section read', async () => {
  const context = await newContext(browser, { viewport: WIDE });
  try {
    const { page } = await open(context, '/articles/n01/');
    const marked = () =>
      page.$$eval('.toc a[aria-current=true]', (as) => as.map((a) => a.textContent.trim()));
    const target = await page.$('#the-middle-years');
    await target.evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.waitForFunction(
      () => document.querySelector('.toc a[aria-current=true]')?.textContent.trim() === 'The middle years',
    );
    assert.deepEqual(await marked(), ['The middle years']);
    // Still in view, far down the article.
    const top = await page.$eval('.toc ol', (ol) => ol.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < WIDE.height, `the contents are in view: top ${top}`);
    await page.$eval('#aside-to-an-ending', (h) => h.scrollIntoView({ block: 'start' }));
    await page.waitForFunction(
      () => document.querySelector('.toc a[aria-current=true]')?.textContent.trim() === 'Aside to An ending',
    );
    assert.deepEqual(await marked(), ['Aside to An ending']);
    // A link leads to its section.
    await page.click('.toc a[href="#beginnings"]');
    await page.waitForFunction(() => location.hash === '#beginnings');
  } finally {
    await context.close();
  }
});

test('without JavaScript the contents and the pages still link', async () => {
  const context = await newContext(browser, { viewport: NARROW, javaScriptEnabled: false });
  try {
    const { page } = await open(context, '/articles/n01/');
    const links = await page.$$eval('.toc a', (as) => as.map((a) => a.getAttribute('href')));
    assert.equal(links.length, 6);
    assert.equal(await page.$$eval('.toc a[aria-current]', (as) => as.length), 0);
    const { page: list } = await open(context, '/tags/odd/');
    assert.equal(await list.$eval('.pager-next a', (a) => a.getAttribute('href')), '/tags/odd/page/2/');
  } finally {
    await context.close();
  }
});

test('note markers keep the lines of a paragraph evenly spaced', async () => {
  const context = await newContext(browser, { viewport: NARROW });
  try {
    const page = await context.newPage();
    await page.goto(LISTS + '/articles/n02/', { waitUntil: 'networkidle' });
    // A paragraph of the site's own style, with a note marker on one line.
    const gaps = await page.evaluate(() => {
      const p = document.querySelector('.body p');
      p.innerHTML = 'word '.repeat(30) + '<sup class="footnote-reference"><a href="#n">1</a></sup> ' + 'word '.repeat(60);
      const tops = [];
      const range = document.createRange();
      for (const node of [...p.childNodes].filter((n) => n.nodeType === 3)) {
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) tops.push(Math.round(r.bottom));
      }
      const lines = [...new Set(tops)].sort((a, b) => a - b);
      return lines.slice(1).map((b, i) => b - lines[i]).filter((g) => g > 2);
    });
    assert.ok(gaps.length >= 3, `several lines: ${gaps}`);
    assert.ok(Math.max(...gaps) - Math.min(...gaps) <= 1, `line gaps differ: ${gaps}`);
  } finally {
    await context.close();
  }
});
