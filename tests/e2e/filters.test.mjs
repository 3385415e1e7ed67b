import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot } from './browser.mjs';

const chart = '[data-testid="ranking-chart"]';
const ready = (page) => page.waitForSelector(`${chart}[data-draws]:not([data-draws="0"])`, { timeout: 30000 });
const listed = async (page) => (await page.getAttribute(chart, 'aria-label'))
  .split(': ').slice(1).join(': ').split('; ').map((s) => s.replace(/^\d+\. /, '').replace(/ [\d.]+$/, ''));
const changed = (page, before) => page.waitForFunction(([sel, old]) => document.querySelector(sel).getAttribute('aria-label') !== old, [chart, before]);

test('filters narrow the candidates: entered markets, region, English, population', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await ready(page);
    const all = await listed(page);
    assert.ok(!all.includes('China'), 'China is entered already by default');

    let label = await page.getAttribute(chart, 'aria-label');
    await page.fill('[data-testid="filter-entered"]', 'China, United States, Narnia');
    await page.press('[data-testid="filter-entered"]', 'Enter');
    await changed(page, label);
    assert.ok(!(await listed(page)).includes('United States'));
    assert.match(await page.textContent('.filters'), /No market matches: Narnia/);

    label = await page.getAttribute(chart, 'aria-label');
    await page.selectOption('[data-testid="filter-region"]', 'Africa');
    await changed(page, label);
    const african = await listed(page);
    assert.ok(african.includes('South Africa') && !african.includes('Japan'), african.join(', '));

    label = await page.getAttribute(chart, 'aria-label');
    await page.check('[data-testid="filter-english"]');
    await changed(page, label);
    const english = await listed(page);
    assert.ok(english.includes('Nigeria') && !english.includes('Morocco'), english.join(', '));
    await screenshot(page, 'ranking-filtered');

    // The table ranks candidates among themselves and keeps the world rank beside it.
    const firstRow = page.locator('[data-testid="ranking-table"] tbody tr').first();
    assert.equal(await firstRow.locator('td').first().textContent(), '1');
    assert.ok(Number(await firstRow.locator('td').nth(1).textContent()) > 1);

    await page.selectOption('[data-testid="filter-region"]', 'Oceania');
    await page.selectOption('[data-testid="filter-population"]', '50');
    await page.waitForSelector('[data-testid="no-candidates"]');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
