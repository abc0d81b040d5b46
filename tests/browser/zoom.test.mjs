// Pictures shown full size, in headless Chromium: every figure on the
// article links to its original, and with JavaScript a click on it opens the
// original in a modal dialog that keeps focus, closes by Escape, its Close
// button or a click beside the picture, and passes axe; on a phone the
// picture can still be pinch-zoomed and panned.
//
// The contract these tests hold the templates and script to:
// - every body figure (`figure.figure`) and the lead photo (`figure.photo`)
//   holds `a.zoom[href] > (picture >) img`, the href naming the original file;
//   inline pictures in the running text have no `a.zoom`;
// - a plain click on `a.zoom` opens a `<dialog>` with `showModal()`, holding
//   one `img` whose src is the link's href and whose alt is the figure's, and
//   named after the figure's label and caption; modified clicks are the
//   browser's;
// - in the dialog, a `<button>` named Close closes it, and a toggle
//   `button[aria-pressed]` (or a click on the picture) switches between the
//   picture fitted to the screen and its actual size.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import {
  ARTICLE,
  ARTIFACTS,
  NARROW,
  WIDE,
  axeViolations,
  describeViolations,
  launch,
  load,
  newContext,
  url,
  watch,
} from './harness.mjs';

const ZOOM = 'main figure a.zoom[href]';
/** The first figure in the article's body. */
const FIGURE = 'main figure.figure a.zoom[href]';
const PHOTO = 'main figure.photo a.zoom[href]';
const DIALOG = 'dialog[open]';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Runs `body(page, context)` on the article in a fresh context. */
async function onArticle(options, body) {
  const context = await newContext(browser, options);
  try {
    const page = await context.newPage();
    const { problems } = watch(page);
    await load(page, ARTICLE);
    await body(page, context);
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
}

/**
 * What the figure around a zoom link says: its original, its alt text, its
 * caption, and the name its dialog should have (label and caption, or the
 * alt text when it has neither).
 */
function figureOf(link) {
  return link.evaluate((a) => {
    const text = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const figure = a.closest('figure');
    const alt = a.querySelector('img').alt;
    const caption = text(figure.querySelector('.caption'));
    const name = [text(figure.querySelector('.figure-label')), caption].join(' ').trim() || alt;
    return { href: a.href, alt, caption, name };
  });
}

/** Saves what the screen shows (the dialog covers it) as `<name>.png`. */
function screenshotView(page, name) {
  return page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Whether the focused element is inside the open dialog. */
function focusInDialog(page) {
  return page.evaluate((sel) => document.querySelector(sel)?.contains(document.activeElement) ?? false, DIALOG);
}

/** Whether `link` has focus. */
function hasFocus(link) {
  return link.evaluate((a) => a === document.activeElement);
}

/** The zoom link of the article's first body figure, which must be there. */
async function firstFigure(page) {
  const link = page.locator(FIGURE).first();
  assert.ok((await link.count()) > 0, `no ${FIGURE} on the article`);
  return link;
}

/** Opens the dialog from `link` with `open` (a click or a tap) and waits for the original to show. */
async function openFrom(page, link, open = () => link.click()) {
  await link.scrollIntoViewIfNeeded();
  const figure = await figureOf(link);
  await open();
  await page.locator(DIALOG).waitFor({ state: 'visible' });
  await page.waitForFunction(
    ({ sel, href }) => {
      const img = document.querySelector(`${sel} img`);
      return img?.src === href && img.complete && img.naturalWidth > 0;
    },
    { sel: DIALOG, href: figure.href },
  );
  return figure;
}

test('every figure links to its original, a picture the site serves', async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await load(page, ARTICLE);
    assert.ok((await page.locator('main figure.figure').count()) > 0, 'the article has no body figure');
    const figures = await page.locator('main figure.figure, main figure.photo').evaluateAll((list) =>
      list.map((f) => ({ id: f.id || f.className, zoomable: Boolean(f.querySelector('a.zoom[href] img')) })),
    );
    for (const { id, zoomable } of figures) assert.ok(zoomable, `figure ${id} has no a.zoom around its picture`);
    const inline = await page.locator('main p img').evaluateAll((imgs) => imgs.filter((i) => i.closest('a.zoom')).length);
    assert.equal(inline, 0, 'an inline picture is zoomable');

    const hrefs = await page.locator(ZOOM).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length > 0, 'no a.zoom on the article');
    for (const href of new Set(hrefs)) {
      const response = await context.request.get(new URL(href, url(ARTICLE)).href);
      assert.equal(response.status(), 200, href);
      assert.match(response.headers()['content-type'] ?? '', /^image\//, `${href} is not served as an image`);
    }
  } finally {
    await context.close();
  }
});

test('a click on a figure opens its original in a modal dialog that keeps focus; Escape closes it', async () => {
  await onArticle({ viewport: WIDE }, async (page) => {
    const link = await firstFigure(page);
    const figure = await openFrom(page, link);
    const dialog = page.locator(DIALOG);
    assert.equal(await dialog.count(), 1);
    assert.ok(await dialog.evaluate((d) => d.matches(':modal')), 'the dialog is not modal');
    const img = dialog.locator('img');
    assert.equal(await img.count(), 1, 'the dialog holds one picture');
    assert.equal(await img.evaluate((i) => i.src), figure.href);
    assert.equal(await img.getAttribute('alt'), figure.alt);
    // Named after the figure, and showing its caption.
    const name = figure.name.slice(0, 50);
    assert.ok(await page.getByRole('dialog', { name }).isVisible(), `the dialog is not named "${name}..."`);
    const shown = (await dialog.innerText()).replace(/\s+/g, ' ');
    assert.ok(shown.includes(figure.caption.slice(0, 50)), `the caption is not shown in the dialog: ${shown}`);
    assert.ok(await dialog.getByRole('button', { name: 'Close' }).isVisible(), 'no visible Close button');
    await screenshotView(page, 'zoom-open-1280');

    assert.ok(await focusInDialog(page), 'focus is not in the dialog');
    for (let i = 0; i < 6; i += 1) {
      await page.keyboard.press('Tab');
      assert.ok(await focusInDialog(page), `Tab ${i + 1} took focus out of the dialog`);
    }
    for (let i = 0; i < 3; i += 1) {
      await page.keyboard.press('Shift+Tab');
      assert.ok(await focusInDialog(page), `Shift+Tab ${i + 1} took focus out of the dialog`);
    }

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.ok(await hasFocus(link), 'focus did not return to the link on Escape');
  });
});

test('the Close button and a click beside the picture close the dialog', async () => {
  await onArticle({ viewport: WIDE }, async (page) => {
    const link = await firstFigure(page);
    await openFrom(page, link);
    await page.locator(DIALOG).getByRole('button', { name: 'Close' }).click();
    await page.locator(DIALOG).waitFor({ state: 'detached' });
    assert.ok(await hasFocus(link), 'focus did not return to the link on Close');

    await openFrom(page, link);
    // A point in the dark space around the picture, if the picture leaves any.
    const point = await page.evaluate((sel) => {
      const dialog = document.querySelector(sel);
      const r = dialog.querySelector('img').getBoundingClientRect();
      const gap = 12;
      const candidates = [
        [r.left - gap, r.top + r.height / 2],
        [r.right + gap, r.top + r.height / 2],
        [r.left + r.width / 2, r.top - gap],
        [r.left + r.width / 2, r.bottom + gap],
      ];
      return candidates.find(([x, y]) => {
        const el = document.elementFromPoint(x, y);
        return el === dialog || (dialog.contains(el) && el.tagName === 'DIV' && !el.textContent.trim());
      });
    }, DIALOG);
    if (point) {
      await page.mouse.click(point[0], point[1]);
      await page.locator(DIALOG).waitFor({ state: 'detached' });
      assert.ok(await hasFocus(link), 'focus did not return to the link on a click beside the picture');
    } else {
      await page.keyboard.press('Escape');
    }
  });
});

test('the lead photo opens the same way', async () => {
  await onArticle({ viewport: WIDE }, async (page) => {
    const link = page.locator(PHOTO).first();
    assert.equal(await link.count(), 1, 'the lead photo has no a.zoom');
    const figure = await openFrom(page, link);
    assert.equal(await page.locator(`${DIALOG} img`).getAttribute('alt'), figure.alt);
    await page.keyboard.press('Escape');
    await page.locator(DIALOG).waitFor({ state: 'detached' });
    assert.ok(await hasFocus(link), 'focus did not return to the photo link');
  });
});

test('a modified click is left to the browser', async () => {
  await onArticle({ viewport: WIDE }, async (page, context) => {
    const link = await firstFigure(page);
    await link.scrollIntoViewIfNeeded();
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      link.click({ modifiers: ['ControlOrMeta'] }),
    ]);
    await tab.close();
    assert.equal(await page.locator(DIALOG).count(), 0, 'a ctrl-click opened the dialog');
    assert.equal(new URL(page.url()).pathname, ARTICLE, 'a ctrl-click navigated the page');
  });
});

for (const colorScheme of ['light', 'dark']) {
  test(`with the dialog open the page passes axe (${colorScheme} scheme)`, async () => {
    await onArticle({ viewport: WIDE, colorScheme }, async (page) => {
      await openFrom(page, await firstFigure(page));
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `axe-core with the dialog open:\n${describeViolations(violations)}`);
    });
  });
}

test('on a wide screen the picture fits first, and switches to its actual size and back', async () => {
  await onArticle({ viewport: WIDE }, async (page) => {
    await openFrom(page, await firstFigure(page));
    const img = page.locator(`${DIALOG} img`);
    const size = () =>
      img.evaluate((i) => {
        const r = i.getBoundingClientRect();
        return { width: r.width, height: r.height, natural: i.naturalWidth, naturalHeight: i.naturalHeight };
      });
    const fitted = await size();
    assert.ok(
      fitted.width <= WIDE.width && fitted.height <= WIDE.height,
      `the picture (${fitted.width}x${fitted.height}) does not fit the screen`,
    );
    const toggle = page.locator(`${DIALOG} button[aria-pressed]`);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');

    await img.click();
    const actual = await size();
    assert.ok(Math.abs(actual.width - actual.natural) < 1, `at actual size the picture is ${actual.width}px wide, not ${actual.natural}px`);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await screenshotView(page, 'zoom-actual-1280');

    // The toggle works from the keyboard too.
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.deepEqual(await size(), fitted, 'the picture did not fit the screen again');
  });
});

test('on a phone the dialog opens, and the picture can be pinch-zoomed and panned', async () => {
  await onArticle({ viewport: NARROW, hasTouch: true, isMobile: true }, async (page) => {
    const viewport = await page.locator('meta[name=viewport]').getAttribute('content');
    assert.doesNotMatch(viewport, /user-scalable\s*=\s*(no|0)/i, `the viewport forbids zooming: ${viewport}`);
    const maximum = /maximum-scale\s*=\s*([\d.]+)/i.exec(viewport);
    assert.ok(!maximum || Number(maximum[1]) >= 2, `the viewport limits zooming: ${viewport}`);

    const link = await firstFigure(page);
    await openFrom(page, link, () => link.tap());
    const img = page.locator(`${DIALOG} img`);
    await screenshotView(page, 'zoom-open-390');
    // Pinch zoom is allowed on the picture and on everything around it.
    const blocked = await img.evaluate((i) => {
      const out = [];
      for (let el = i; el; el = el.parentElement) {
        const value = getComputedStyle(el).touchAction;
        if (!/^(auto|manipulation)$/.test(value) && !value.includes('pinch-zoom')) out.push(`${el.tagName}: ${value}`);
      }
      return out;
    });
    assert.deepEqual(blocked, [], 'touch-action stops pinch zoom');

    // At actual size the picture pans in its scroller.
    const box = await img.boundingBox();
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    const pans = await img.evaluate((i) => {
      let s = i.parentElement;
      while (s && !/(auto|scroll)/.test(getComputedStyle(s).overflow)) s = s.parentElement;
      if (!s) return null;
      const can = { x: s.scrollWidth > s.clientWidth, y: s.scrollHeight > s.clientHeight };
      s.scrollLeft = 0;
      s.scrollTop = 0;
      s.scrollBy(40, 40);
      return { can, moved: { x: s.scrollLeft > 0, y: s.scrollTop > 0 }, natural: [i.naturalWidth, i.naturalHeight] };
    });
    assert.ok(pans, 'the picture has no scroller');
    if (pans.natural[0] > NARROW.width) {
      assert.ok(pans.can.x && pans.moved.x, `the picture does not pan sideways: ${JSON.stringify(pans)}`);
    }
    if (pans.natural[1] > NARROW.height) {
      assert.ok(pans.can.y && pans.moved.y, `the picture does not pan up and down: ${JSON.stringify(pans)}`);
    }
    await screenshotView(page, 'zoom-actual-390');
  });
});

test('with reduced motion the dialog opens without animation', async () => {
  await onArticle({ viewport: WIDE, reducedMotion: 'reduce' }, async (page) => {
    await openFrom(page, await firstFigure(page));
    const animations = await page.locator(DIALOG).evaluate((d) => [
      getComputedStyle(d).animationName,
      getComputedStyle(d, '::backdrop').animationName,
    ]);
    assert.deepEqual(animations, ['none', 'none']);
  });
});
