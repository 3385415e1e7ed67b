import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, foreignRequests, screenshot, inkedPixels } from './browser.mjs';

const chart = '[data-testid="ranking-chart"]';

async function topMarkets(page) {
  const label = await page.getAttribute(chart, 'aria-label');
  return label.split(': ').slice(1).join(': ').split('; ').map((s) => s.replace(/^\d+\. /, '').replace(/ [\d.]+$/, ''));
}

test('the ranking chart draws real countries and re-ranks when a weight moves', async () => {
  const { page, consoleErrors, requests, close } = await openApp();
  try {
    await page.waitForSelector(`${chart}[data-draws]:not([data-draws="0"])`, { timeout: 30000 });
    const before = await topMarkets(page);
    assert.equal(before.length, 20);
    for (const market of ['Japan', 'Germany', 'Singapore', 'United States']) assert.ok(before.includes(market), before.join(', '));

    const pixels = await inkedPixels(page, chart);
    assert.ok(pixels.inked > 5000, `chart looks blank: ${JSON.stringify(pixels)}`);
    // The first 50 rows, then every ranked market once asked.
    assert.equal(await page.locator('[data-testid="ranking-table"] tbody tr').count(), 50);
    await page.click('[data-testid="ranking-show-all"]');
    const rows = await page.locator('[data-testid="ranking-table"] tbody tr').count();
    assert.ok(rows >= 150, `table rows: ${rows}`);
    assert.equal(await page.locator('[data-testid="ranking-show-all"]').count(), 0);
    await screenshot(page, 'ranking');

    // Demand counts for nothing: small, connected markets should climb past the giants.
    const drawsBefore = Number(await page.getAttribute(chart, 'data-draws'));
    await page.locator('[data-testid="weight-demand"]').fill('0');
    await page.waitForFunction(
      ([sel, n]) => Number(document.querySelector(sel).dataset.draws) > n,
      [chart, drawsBefore],
    );
    const after = await topMarkets(page);
    assert.notDeepEqual(after, before, 'the ranking did not change');
    assert.equal(await page.textContent('[data-testid="share-demand"]'), '0%');
    await screenshot(page, 'ranking-no-demand');

    // Reset brings the original order back.
    await page.click('[data-testid="reset-weights"]');
    await page.waitForFunction(
      ([sel, first]) => document.querySelector(sel).getAttribute('aria-label').includes(`1. ${first} `),
      [chart, before[0]],
    );
    assert.deepEqual(await topMarkets(page), before);

    assert.deepEqual(consoleErrors, [], 'console errors');
    assert.deepEqual(foreignRequests(requests), [], 'requests to other origins');
  } finally {
    await close();
  }
});

test('the table sorts by a column and back', async () => {
  const { page, close } = await openApp();
  try {
    await page.waitForSelector(`${chart}[data-draws]:not([data-draws="0"])`, { timeout: 30000 });
    const firstMarket = () => page.textContent('[data-testid="ranking-table"] tbody tr:first-child th');
    const byRank = await firstMarket();
    await page.getByRole('button', { name: 'Market' }).click();
    const byName = await firstMarket();
    assert.equal(byName, 'Afghanistan');
    await page.getByRole('button', { name: 'Market' }).click();
    assert.notEqual(await firstMarket(), 'Afghanistan');
    await page.getByRole('button', { name: 'Rank' }).click();
    assert.equal(await firstMarket(), byRank);
  } finally {
    await close();
  }
});

test('all weights at zero shows a designed empty state', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await page.waitForSelector(`${chart}[data-draws]:not([data-draws="0"])`, { timeout: 30000 });
    for (const slider of await page.locator('.pillar > .weight input[type="range"]:not([disabled])').all()) await slider.fill('0');
    await page.waitForSelector('[data-testid="empty-ranking"]');
    await screenshot(page, 'ranking-empty');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('a phone-sized screen stacks the panels and keeps the chart readable', async () => {
  const { page, consoleErrors, close } = await openApp({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
  });
  try {
    await page.waitForSelector(`${chart}[data-draws]:not([data-draws="0"])`, { timeout: 30000 });
    const size = await page.$eval(chart, (c) => ({ w: c.width, cw: c.clientWidth }));
    // The backing store is the CSS size (fractional, from a ResizeObserver) times the ratio,
    // rounded; clientWidth is itself rounded.
    assert.ok(Math.abs(size.w - size.cw * 2) <= 1, `backing store follows devicePixelRatio: ${size.w} for ${size.cw} CSS px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
    await page.locator(chart).scrollIntoViewIfNeeded();
    await screenshot(page, 'ranking-phone');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('a missing data file shows the error state, not a blank page', async () => {
  const { page, close } = await openApp();
  try {
    await page.route('**/data/markets.csv', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.reload();
    await page.waitForSelector('[data-testid="load-error"]');
    const text = await page.textContent('[data-testid="load-error"]');
    assert.match(text, /data\/markets\.csv: the server answered HTTP 404/);
    await screenshot(page, 'load-error');
  } finally {
    await close();
  }
});

test('method pickers change the ranking, flag invalid combinations, and reset restores the model', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await page.waitForSelector(`${chart}[data-draws]:not([data-draws="0"])`, { timeout: 30000 });
    const before = await page.getAttribute(chart, 'aria-label');
    await page.selectOption('[data-testid="aggregation-readiness"]', 'geometric');
    await page.waitForFunction(([sel, old]) => document.querySelector(sel).getAttribute('aria-label') !== old, [chart, before]);

    await page.click('[data-testid="pillar-digital"] summary');
    await page.selectOption('[data-testid="normalisation-internet_pct"]', 'z_score');
    await page.waitForSelector('.model-problems');
    assert.match(await page.textContent('.model-problems'), /geometric aggregation over z-scores/);
    await screenshot(page, 'ranking-methods');

    await page.click('[data-testid="reset-weights"]');
    await page.waitForFunction(([sel, old]) => document.querySelector(sel).getAttribute('aria-label') === old, [chart, before]);
    assert.equal(await page.locator('.model-problems').count(), 0);
    assert.equal(await page.inputValue('[data-testid="aggregation-readiness"]'), 'arithmetic');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
