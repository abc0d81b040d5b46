// Every page type in headless Chromium: loads cleanly at a phone's and a
// desktop's width, with and without JavaScript, passes axe-core, fits the
// phone's width, and the article stays light.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  ARTICLE,
  NARROW,
  PAGES,
  SITE,
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

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

for (const { name, path, status } of PAGES) {
  for (const [width, viewport] of [
    [NARROW.width, NARROW],
    [WIDE.width, WIDE],
  ]) {
    test(`${name} page at ${width}px: loads cleanly, passes axe, fits`, async () => {
      const context = await newContext(browser, { viewport });
      try {
        const page = await context.newPage();
        const { problems } = watch(page, { expectedStatus: status });
        const response = await load(page, path);
        assert.equal(response.status(), status, `status of ${path}`);
        await screenshot(page, `${name}-${width}`);
        assert.deepEqual(problems, [], `problems loading ${path}`);

        if (width === NARROW.width) {
          const { scrollWidth, clientWidth } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth,
          }));
          assert.ok(
            scrollWidth <= clientWidth,
            `${path} scrolls sideways at ${width}px: content ${scrollWidth}px wide in ${clientWidth}px`,
          );
        }

        const violations = await axeViolations(page);
        assert.equal(
          violations.length,
          0,
          `axe-core on ${path} at ${width}px:\n${describeViolations(violations)}`,
        );
      } finally {
        await context.close();
      }
    });
  }

  test(`${name} page in the dark colour scheme passes axe`, async () => {
    const context = await newContext(browser, { colorScheme: 'dark' });
    try {
      const page = await context.newPage();
      const { problems } = watch(page, { expectedStatus: status });
      await load(page, path);
      await screenshot(page, `${name}-${WIDE.width}-dark`);
      assert.deepEqual(problems, [], `problems loading ${path}`);
      const violations = await axeViolations(page);
      assert.equal(
        violations.length,
        0,
        `axe-core on ${path} in the dark scheme:\n${describeViolations(violations)}`,
      );
    } finally {
      await context.close();
    }
  });

  test(`${name} page without JavaScript: loads cleanly, term links are plain links`, async () => {
    for (const viewport of [NARROW, WIDE]) {
      const context = await newContext(browser, { viewport, javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        const { problems } = watch(page, { expectedStatus: status });
        const response = await load(page, path);
        assert.equal(response.status(), status, `status of ${path}`);
        await screenshot(page, `${name}-${viewport.width}-nojs`);
        assert.deepEqual(problems, [], `problems loading ${path} without JavaScript`);

        const links = await page.locator('main a.term').evaluateAll((as) =>
          as.map((a) => ({ term: a.dataset.term, href: a.getAttribute('href') })),
        );
        // A page of another language links its language's terms.
        const language = path.match(/^\/fa\//) ? '/fa' : '';
        for (const { term, href } of links) {
          assert.equal(href, `${language}/glossary/${term}/`, `a.term[data-term=${term}] on ${path}`);
        }
        // Each distinct term page exists.
        for (const href of new Set(links.map((l) => l.href))) {
          const r = await context.request.get(url(href));
          assert.equal(r.status(), 200, `${href}, linked from ${path}`);
        }
        // Following one goes to its page, JavaScript or not.
        if (links.length > 0 && viewport === WIDE) {
          const first = page.locator('main a.term').first();
          await first.scrollIntoViewIfNeeded();
          await Promise.all([page.waitForURL(url(links[0].href)), first.click()]);
          assert.equal(new URL(page.url()).pathname, links[0].href);
          assert.deepEqual(problems, [], `problems following ${links[0].href} without JavaScript`);
        }
      } finally {
        await context.close();
      }
    }
  });
}

test('the glossary shows one kind of term at a time from its kind links, without JavaScript', async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await load(page, '/glossary/');
    const groups = page.locator('main section.kind');
    const visible = async () =>
      groups.evaluateAll((sections) =>
        sections.filter((s) => s.getClientRects().length > 0).map((s) => s.id),
      );
    const all = await visible();
    assert.ok(all.length >= 3, `kind groups shown at first: ${all}`);
    assert.ok(all.includes('kind-place'), `a group of places: ${all}`);

    await page.locator('nav.kinds a[href="#kind-place"]').click();
    assert.deepEqual(await visible(), ['kind-place']);
    const places = await page.locator('#kind-place dt a').allTextContents();
    assert.ok(places.includes('Tabriz'), `places: ${places}`);

    await page.locator('nav.kinds a[href="#kind-all"]').click();
    assert.deepEqual(await visible(), all);
  } finally {
    await context.close();
  }
});

test('the article has term links to check', async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await load(page, ARTICLE);
    assert.ok((await page.locator('main a.term[data-term]').count()) > 5);
  } finally {
    await context.close();
  }
});

test('the article with its CSS and JS weighs under 100 KB transferred (images aside)', async () => {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const { problems, responses } = watch(page);
    await load(page, ARTICLE);
    assert.deepEqual(problems, []);
    let total = 0;
    const lines = [];
    for (const response of responses) {
      const type = response.request().resourceType();
      if (type === 'image' || type === 'media') continue;
      const sizes = await response.request().sizes();
      const bytes = sizes.responseHeadersSize + sizes.responseBodySize;
      total += bytes;
      lines.push(`${type} ${bytes} B ${response.url().replace(SITE, '')}`);
    }
    console.log(`article weight: ${total} B\n  ${lines.join('\n  ')}`);
    assert.ok(total > 0, 'nothing was measured');
    assert.ok(total < 100 * 1024, `the article transfers ${total} B:\n  ${lines.join('\n  ')}`);
  } finally {
    await context.close();
  }
});
