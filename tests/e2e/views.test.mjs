import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot, inkedPixels } from './browser.mjs';

const drawn = (page, testid) => page.waitForSelector(`[data-testid="${testid}"][data-draws]:not([data-draws="0"])`, { timeout: 30000 });

test('clicking a market opens its profile, contributions and sources', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await drawn(page, 'ranking-chart');
    await page.locator('[data-testid="ranking-table"] button.market-link', { hasText: /^Singapore$/ }).click();
    await page.waitForFunction(() => location.hash === '#market');
    assert.equal(await page.textContent('[data-testid="market-name"]'), 'Singapore');
    assert.match(await page.textContent('[data-testid="market-standing"]'), /Score \d+\.\d · world rank \d+ · candidate rank \d+/);
    await drawn(page, 'profile-chart');
    const ink = await inkedPixels(page, '[data-testid="profile-chart"]');
    assert.ok(ink.inked > 3000, JSON.stringify(ink));
    assert.match(await page.getAttribute('[data-testid="profile-chart"]', 'aria-label'), /Singapore’s pillar scores/);
    const table = await page.textContent('[data-testid="market-indicators"]');
    for (const expected of ['Logistics Performance Index', 'World Bank', 'illustrative', '2024']) {
      assert.ok(table.includes(expected), `indicator table lacks ${expected}`);
    }
    await screenshot(page, 'market');

    await page.selectOption('[data-testid="market-picker"]', 'KEN');
    await page.waitForFunction(() => document.querySelector('[data-testid="market-name"]').textContent === 'Kenya');
    await page.goBack();
    await page.waitForFunction(() => location.hash === '#ranking' || location.hash === '');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('the uncertainty view runs the Monte Carlo with progress and draws intervals and a tornado', async () => {
  const { page, consoleErrors, close } = await openApp({ path: '#uncertainty' });
  try {
    await page.waitForSelector('[data-testid="mc-done"]', { timeout: 60000 });
    assert.match(await page.textContent('[data-testid="mc-done"]'), /1000 draws, seed 2013/);
    await drawn(page, 'interval-chart');
    await drawn(page, 'tornado-chart');
    assert.equal(await page.locator('[data-testid="mc-table"] tbody tr').count(), 20);
    const first = await page.locator('[data-testid="mc-table"] tbody tr').first().textContent();
    assert.match(first, /\d+%$/);
    assert.ok((await inkedPixels(page, '[data-testid="tornado-chart"]')).inked > 2000);
    await screenshot(page, 'uncertainty');
    await page.locator('[data-testid="tornado-chart"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'uncertainty-tornado');

    // Same seed, same settings: the same table.
    const before = await page.textContent('[data-testid="mc-table"]');
    await page.selectOption('[data-testid="mc-draws"]', '200');
    await page.click('[data-testid="mc-run"]');
    await page.waitForFunction(() => /200 draws/.test(document.querySelector('[data-testid="mc-done"]')?.textContent ?? ''));
    await page.selectOption('[data-testid="mc-draws"]', '1000');
    await page.click('[data-testid="mc-run"]');
    await page.waitForFunction(() => /1000 draws/.test(document.querySelector('[data-testid="mc-done"]')?.textContent ?? ''));
    assert.equal(await page.textContent('[data-testid="mc-table"]'), before);

    // A weight change makes the result stale until run again.
    await page.click('[data-testid="tab-ranking"]');
    await page.locator('[data-testid="weight-demand"]').fill('5');
    await page.click('[data-testid="tab-uncertainty"]');
    assert.match(await page.textContent('[data-testid="mc-done"]'), /weights have changed/);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
