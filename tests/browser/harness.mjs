// Shared by the browser tests: where the site is, how Chromium starts, and a
// watcher that records what went wrong while a page loaded.
//
// `cargo test` (tests/browser.rs) builds the demo site, serves it on
// 127.0.0.1 and runs `node --test tests/browser/` with these variables set.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through \`cargo test --test browser\``);
  }
  return value;
}

/** The served site, without a trailing slash: `http://127.0.0.1:<port>`. */
export const SITE = required('GLOSS_SITE_URL').replace(/\/+$/, '');
/** A site of 45 articles, whose lists take several pages. */
export const LISTS = required('GLOSS_LISTS_URL').replace(/\/+$/, '');
/** Where screenshots go. */
export const ARTIFACTS = required('GLOSS_ARTIFACTS');
fs.mkdirSync(ARTIFACTS, { recursive: true });

export const NARROW = { width: 390, height: 844 };
export const WIDE = { width: 1280, height: 800 };

/** The pages every check runs on; `status` is the HTTP status expected. */
export const PAGES = [
  { name: 'home', path: '/', status: 200 },
  { name: 'article', path: '/articles/tabriz-1909/', status: 200 },
  { name: 'glossary', path: '/glossary/', status: 200 },
  { name: 'term', path: '/glossary/majlis/', status: 200 },
  { name: 'credits', path: '/credits/', status: 200 },
  { name: 'timeline', path: '/timeline/', status: 200 },
  { name: 'person', path: '/glossary/mohammad-ali-shah/', status: 200 },
  { name: 'place', path: '/glossary/tabriz/', status: 200 },
  { name: 'map', path: '/map/', status: 200 },
  { name: 'series', path: '/series/tabriz-and-the-constitutional-revolution/', status: 200 },
  { name: 'tags', path: '/tags/', status: 200 },
  { name: 'tag', path: '/tags/tabriz/', status: 200 },
  { name: 'part-with-contents', path: '/articles/before-the-siege/', status: 200 },
  { name: '404', path: '/no-such-page/', status: 404 },
  // The demo's Persian pages, right to left.
  { name: 'fa-home', path: '/fa/', status: 200 },
  { name: 'fa-article', path: '/fa/articles/tabriz-1909/', status: 200 },
  { name: 'fa-glossary', path: '/fa/glossary/', status: 200 },
  { name: 'fa-term', path: '/fa/glossary/majlis/', status: 200 },
  { name: 'fa-timeline', path: '/fa/timeline/', status: 200 },
];

export const ARTICLE = '/articles/tabriz-1909/';

/** Short timeouts, so that a missing element fails a test quickly. */
export const TIMEOUT = 5000;

/** Headless Debian Chromium with the flags that work on a closed network. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A new context (fresh storage) with short timeouts. */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ viewport: WIDE, ...options });
  context.setDefaultTimeout(TIMEOUT);
  context.setDefaultNavigationTimeout(TIMEOUT * 2);
  return context;
}

/** The absolute URL of a site path. */
export function url(sitePath) {
  return SITE + sitePath;
}

/**
 * Records console errors, uncaught exceptions, failed requests, error
 * responses and any request that leaves the site's own host, from the moment
 * it is attached. `expectedStatus` allows the main document one status (404
 * for the not-found page).
 */
export function watch(page, { expectedStatus = 200 } = {}) {
  const site = new URL(SITE);
  const problems = [];
  const responses = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium logs the not-found page's own 404 as a console error.
    const where = msg.location()?.url ?? '';
    if (
      expectedStatus !== 200 &&
      /status of 404/.test(msg.text()) &&
      where === page.url()
    ) {
      return;
    }
    problems.push(`console error: ${msg.text()} (${where})`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on('request', (request) => {
    const u = new URL(request.url());
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return;
    if (u.host !== site.host) problems.push(`request leaves the site: ${request.url()}`);
  });
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()}: ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    responses.push(response);
    const isMain = response.request().isNavigationRequest() && response.frame() === page.mainFrame();
    const expected = isMain ? expectedStatus : 200;
    const status = response.status();
    // 304 is a cache revalidation of a file already checked.
    if (status !== expected && status !== 304) {
      problems.push(`HTTP ${status} (expected ${expected}): ${response.url()}`);
    }
  });
  return { problems, responses };
}

/** Loads a site path and waits until the network is quiet. */
export async function load(page, sitePath) {
  return page.goto(url(sitePath), { waitUntil: 'networkidle' });
}

/** Saves a full-page screenshot as `<name>.png` in the artifacts folder. */
export async function screenshot(page, name) {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Runs axe-core in the page and returns its violations, summarised. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  });
  return violations;
}

/** A readable listing of axe violations for an assertion message. */
export function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.join('\n  ')}`)
    .join('\n');
}

/** Whether two boxes (from `boundingBox()`) overlap. */
export function overlaps(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
