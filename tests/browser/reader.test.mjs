// The reader's interactions on the article, in headless Chromium: term
// popovers (hover, keyboard, touch, Escape, the off switch), notes (side notes
// on a wide screen, inline notes on a phone) and search.
//
// The contract these tests hold the templates and script to:
// - term links are `a.term[data-term]` in `main`;
// - the popover is `#gloss-popover` (role=tooltip) with `.popover-title`,
//   `.popover-summary`, `a.popover-more` (the term page) and, for a term with
//   a native form, `.popover-native[lang][dir=rtl]`; while it shows, the link
//   has `aria-describedby="gloss-popover"`;
// - `#gloss-previews-toggle` switches previews off, remembered across loads;
// - footnote references `sup.footnote-reference a` have ids `fnref-N`, and
//   each definition has `a.footnote-back[href="#fnref-N"]`; `.sidenote` holds a
//   note in the margin; on a phone the reference toggles the note inline
//   (`aria-expanded`);
// - search is `#gloss-search` with results in `#gloss-search-results`
//   (search.test.mjs has the rest of it).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  ARTICLE,
  NARROW,
  WIDE,
  launch,
  load,
  newContext,
  overlaps,
  screenshot,
  url,
  watch,
} from './harness.mjs';

const TERM = 'main a.term[data-term]';
/** A term with a native form (`native = "مجلس"` in content/glossary/majlis.md). */
const NATIVE_TERM = 'main a.term[data-term="majlis"]';
const POPOVER = '#gloss-popover';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Runs `body(page, problems)` on the article in a fresh context. */
async function onArticle(options, body) {
  const { clock, ...contextOptions } = options;
  const context = await newContext(browser, contextOptions);
  try {
    const page = await context.newPage();
    const { problems } = watch(page);
    // The page's timers run only when the test moves this clock on.
    if (clock) await page.clock.install();
    await load(page, ARTICLE);
    await body(page, problems, context);
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
}

/** The path a link leads to, resolved against the page. */
async function linkPath(locator) {
  return locator.evaluate((a) => new URL(a.href, document.baseURI).pathname);
}

test('hovering a term shows its card beside the word, with ARIA, and Escape hides it', async () => {
  await onArticle({ viewport: WIDE }, async (page) => {
    const link = page.locator(TERM).first();
    await link.scrollIntoViewIfNeeded();
    await link.hover();
    const popover = page.locator(POPOVER);
    await popover.waitFor({ state: 'visible' });

    assert.equal(await popover.getAttribute('role'), 'tooltip');
    assert.equal(await link.getAttribute('aria-describedby'), 'gloss-popover');
    assert.notEqual((await popover.locator('.popover-title').innerText()).trim(), '');
    assert.notEqual((await popover.locator('.popover-summary').innerText()).trim(), '');
    const term = await link.getAttribute('data-term');
    const more = popover.locator('a.popover-more');
    assert.equal(await linkPath(more), `/glossary/${term}/`);
    assert.equal(await linkPath(more), await linkPath(link));

    const card = await popover.boundingBox();
    const word = await link.boundingBox();
    assert.ok(!overlaps(card, word), `the card ${JSON.stringify(card)} covers the word ${JSON.stringify(word)}`);

    // A full-page screenshot resizes the page under the pointer, which may
    // leave the word and hide the card: it is taken once the card has been
    // checked, and the card is shown again before Escape hides it.
    await screenshot(page, 'reader-popover-1280');
    await page.mouse.move(0, 0);
    await popover.waitFor({ state: 'hidden' });
    await link.hover();
    await popover.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'hidden' });
  });
});

test('a term with a native form shows it in the card, marked right to left', async () => {
  await onArticle({ viewport: WIDE }, async (page) => {
    const link = page.locator(NATIVE_TERM).first();
    await link.scrollIntoViewIfNeeded();
    await link.hover();
    const native = page.locator(`${POPOVER} .popover-native[lang][dir=rtl]`);
    await native.waitFor({ state: 'visible' });
    assert.equal((await native.innerText()).trim(), 'مجلس');
    assert.notEqual(await native.getAttribute('lang'), '');
  });
});

test('keyboard focus shows the card; Escape hides it and focus stays on the link', async () => {
  await onArticle({ viewport: WIDE }, async (page) => {
    let focused = false;
    for (let i = 0; i < 80 && !focused; i += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, TERM);
    }
    assert.ok(focused, 'Tab never reached a term link');
    const link = page.locator(`${TERM}:focus`);
    const term = await link.getAttribute('data-term');
    const popover = page.locator(POPOVER);
    await popover.waitFor({ state: 'visible' });
    assert.equal(await link.getAttribute('aria-describedby'), 'gloss-popover');
    const card = await popover.boundingBox();
    assert.ok(!overlaps(card, await link.boundingBox()), 'the card covers the focused word');

    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'hidden' });
    assert.ok(
      await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, `${TERM}[data-term="${term}"]`),
      'focus left the term link on Escape',
    );
  });
});

test('opening the card shifts no layout', async () => {
  await onArticle({ viewport: WIDE }, async (page) => {
    const link = page.locator(TERM).first();
    await link.scrollIntoViewIfNeeded();
    const boxes = () =>
      link.evaluate((a) => {
        const rect = (el) => {
          if (!el) return null;
          const r = el.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        };
        // The first paragraph after the link's own block, in document order.
        const block = a.closest('p, li, blockquote, dd, figcaption') ?? a;
        const next = [...document.querySelectorAll('main p')].find(
          (p) => !block.contains(p) && block.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING,
        );
        return { link: rect(a), next: rect(next) };
      });
    const before = await boxes();
    assert.ok(before.next, 'no paragraph follows the first term link');
    await link.hover();
    await page.locator(POPOVER).waitFor({ state: 'visible' });
    const after = await boxes();
    assert.deepEqual(after, before, 'the link or the next paragraph moved when the card opened');
  });
});

test('on a touch screen a tap shows the card and a second tap follows the link', async () => {
  await onArticle({ viewport: NARROW, hasTouch: true, isMobile: true }, async (page) => {
    const link = page.locator(TERM).first();
    await link.scrollIntoViewIfNeeded();
    const term = await link.getAttribute('data-term');
    await link.tap();
    const popover = page.locator(POPOVER);
    await popover.waitFor({ state: 'visible' });
    await screenshot(page, 'reader-popover-390-touch');
    assert.equal(new URL(page.url()).pathname, ARTICLE, 'the first tap navigated');
    const card = await popover.boundingBox();
    assert.ok(!overlaps(card, await link.boundingBox()), 'the card covers the tapped word');

    await Promise.all([page.waitForURL(url(`/glossary/${term}/`)), link.tap()]);
  });
});

test('previews can be switched off, and the choice survives a reload', async () => {
  await onArticle({ viewport: WIDE, clock: true }, async (page) => {
    // Hovering, then running the page's timers well past the card's delay:
    // whether a card is showing then is what the reader would see.
    const hoverShows = async () => {
      const link = page.locator(TERM).first();
      await link.scrollIntoViewIfNeeded();
      await page.mouse.move(0, 0);
      await link.hover();
      await page.clock.runFor(2000);
      return page.locator(POPOVER).isVisible();
    };
    assert.equal(await hoverShows(), true, 'with previews on, a hover shows the card');
    await page.keyboard.press('Escape');

    const toggle = page.locator('#gloss-previews-toggle');
    await toggle.scrollIntoViewIfNeeded();
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(await hoverShows(), false, 'a card showed with previews off');
    await page.reload({ waitUntil: 'networkidle' });
    assert.equal(await hoverShows(), false, 'a card showed after a reload with previews off');
  });
});

test('every footnote reference and its note link to each other', async () => {
  await onArticle({ viewport: WIDE }, async (page) => {
    const pairs = await page.locator('sup.footnote-reference a').evaluateAll((refs) =>
      refs.map((a) => {
        const target = document.getElementById(decodeURIComponent(a.hash.slice(1)));
        const back = target?.querySelector(`a.footnote-back[href="#${a.id}"]`);
        return { id: a.id, href: a.getAttribute('href'), definition: Boolean(target), back: Boolean(back) };
      }),
    );
    assert.ok(pairs.length > 0, 'the article has no footnotes');
    for (const pair of pairs) {
      assert.match(pair.id, /^fnref-/, `reference ${pair.href} has no fnref- id`);
      assert.ok(pair.definition, `no note for ${pair.href}`);
      assert.ok(pair.back, `the note ${pair.href} has no a.footnote-back to #${pair.id}`);
    }
  });
});

test('on a wide screen notes sit in the margin beside their reference', async () => {
  await onArticle({ viewport: WIDE }, async (page) => {
    const ref = page.locator('sup.footnote-reference a').first();
    await ref.scrollIntoViewIfNeeded();
    const note = page.locator('.sidenote').first();
    await note.waitFor({ state: 'visible' });
    await screenshot(page, 'reader-sidenotes-1280');
    const refBox = await ref.boundingBox();
    const noteBox = await note.boundingBox();
    const column = await ref.evaluate((a) => {
      const r = a.closest('p, li, blockquote').getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    assert.ok(
      noteBox.x >= column.x + column.width || noteBox.x + noteBox.width <= column.x,
      `the side note ${JSON.stringify(noteBox)} is not beside the text ${JSON.stringify(column)}`,
    );
    assert.ok(
      Math.abs(noteBox.y - refBox.y) < 150,
      `the side note (top ${noteBox.y}) is not level with its reference (top ${refBox.y})`,
    );
  });
});

test('on a phone a note reference expands the note inline instead of jumping', async () => {
  await onArticle({ viewport: NARROW }, async (page) => {
    const ref = page.locator('sup.footnote-reference a').first();
    await ref.scrollIntoViewIfNeeded();
    const snippet = await ref.evaluate((a) => {
      const definition = document.getElementById(decodeURIComponent(a.hash.slice(1)));
      const p = definition.querySelector('p') ?? definition;
      return p.textContent.trim().slice(0, 30);
    });
    const scrollBefore = await page.evaluate(() => window.scrollY);
    await ref.click();
    await page.locator(`#${await ref.getAttribute('aria-controls')}`).waitFor({ state: 'visible' });
    assert.equal(await ref.getAttribute('aria-expanded'), 'true');
    const scrollAfter = await page.evaluate(() => window.scrollY);
    assert.ok(Math.abs(scrollAfter - scrollBefore) < 100, `the page jumped from ${scrollBefore} to ${scrollAfter}`);
    const refBox = await ref.boundingBox();
    const inline = await page.evaluate(
      ({ snippet, top }) =>
        [...document.querySelectorAll('main *')].some((el) => {
          if (!el.textContent.includes(snippet) || !el.checkVisibility()) return false;
          const r = el.getBoundingClientRect();
          return r.height > 0 && r.top >= top - 5 && r.top < top + 400 && r.right <= window.innerWidth;
        }),
      { snippet, top: refBox.y },
    );
    assert.ok(inline, `the note ("${snippet}...") is not shown just below its reference`);
    await screenshot(page, 'reader-inline-note-390');
  });
});

test('search finds a term by an alternative spelling', async () => {
  const context = await newContext(browser, { viewport: WIDE });
  try {
    const page = await context.newPage();
    const { problems } = watch(page);
    await load(page, '/');
    const box = page.locator('#gloss-search');
    await box.click();
    await box.pressSequentially('majles');
    const hit = page.locator('#gloss-search-results [role=option][data-href$="/glossary/majlis/"]');
    await hit.first().waitFor({ state: 'visible' });
    await screenshot(page, 'reader-search-1280');
    assert.equal(await hit.first().getAttribute('data-href'), '/glossary/majlis/');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('without JavaScript the search form is not shown', async () => {
  const context = await newContext(browser, { viewport: WIDE, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await load(page, '/');
    assert.equal(await page.locator('#gloss-search').isVisible(), false);
  } finally {
    await context.close();
  }
});
