import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot } from './browser.mjs';

const drawn = (page, id) => page.waitForSelector(`[data-testid="${id}"][data-draws]:not([data-draws="0"])`, { timeout: 30000 });
const rows = (page) => page.locator('[data-testid="scenario-list"] tbody tr');

test('a panic shows a banner with a reload and the report, never a blank page, and loses no saved scenario', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await drawn(page, 'ranking-chart');
    await page.click('[data-testid="scenarios"] summary');
    await page.fill('[data-testid="scenario-name"]', 'Before the crash');
    await page.click('[data-testid="scenario-save"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="scenario-message"]')?.textContent.includes('Saved'));
    await page.locator('[data-testid="weight-digital"]').fill('40');
    await page.waitForFunction(() => /w=digital/.test(location.hash));

    // The wasm traps after the hook: the call throws in JavaScript.
    const threw = await page.evaluate(() => { try { window.wasmBindings.beachhead_test_panic(); return false; } catch { return true; } });
    assert.ok(threw);
    const banner = page.locator('[data-testid="panic-banner"]');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('role'), 'alert');
    assert.match(await banner.textContent(), /internal error/);
    assert.match(await banner.textContent(), /Nothing you saved is lost/);
    assert.match(await page.textContent('[data-testid="panic-report"]'), /deliberate test of the error banner/);
    assert.match(await page.getAttribute('[data-testid="panic-download"]', 'href'), /^data:text\/plain/);
    // Not a blank page: the banner sits above the app as it was.
    assert.ok(await page.isVisible('[data-testid="ranking-chart"]'));
    assert.ok(consoleErrors.some((e) => e.includes('deliberate test')), 'the panic is logged');
    await screenshot(page, 'panic-banner');

    // Reload from the banner: the same link (weights included), the saved scenario still there.
    await page.click('[data-testid="panic-reload"]');
    await drawn(page, 'ranking-chart');
    assert.equal(await page.locator('[data-testid="panic-banner"]').count(), 0);
    assert.equal(await page.inputValue('[data-testid="weight-digital"]'), '40');
    await page.click('[data-testid="scenarios"] summary');
    assert.equal(await rows(page).count(), 1);
    assert.equal(await rows(page).first().locator('input').inputValue(), 'Before the crash');
  } finally {
    await close();
  }
});

test('full storage keeps the scenario in the page and says so; the earlier saves stay', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await drawn(page, 'ranking-chart');
    await page.click('[data-testid="scenarios"] summary');
    await page.fill('[data-testid="scenario-name"]', 'Saved while there was room');
    await page.click('[data-testid="scenario-save"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="scenario-message"]')?.textContent.includes('Saved'));
    const stored = await page.evaluate(() => localStorage.getItem('beachhead.scenarios'));
    // From now on the disk is full.
    await page.evaluate(() => {
      Storage.prototype.setItem = function setItem() { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    });
    await page.fill('[data-testid="scenario-name"]', 'After the disk filled');
    await page.click('[data-testid="scenario-save"]');
    await page.waitForFunction(() => /storage is full/.test(document.querySelector('[data-testid="scenario-message"]')?.textContent ?? ''));
    assert.match(await page.textContent('[data-testid="scenario-message"]'), /still here until the page closes: export them/);
    assert.equal(await rows(page).count(), 2, 'both scenarios are in the page');
    assert.equal(await page.evaluate(() => localStorage.getItem('beachhead.scenarios')), stored, 'what was saved before is untouched');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('storage switched off (private mode, a sandboxed frame) still runs the app and keeps scenarios in the page', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
    });
    await page.reload();
    await drawn(page, 'ranking-chart');
    await page.click('[data-testid="scenarios"] summary');
    await page.fill('[data-testid="scenario-name"]', 'In the page only');
    await page.click('[data-testid="scenario-save"]');
    await page.waitForFunction(() => /for this page only: it cannot be kept in this browser's storage/.test(document.querySelector('[data-testid="scenario-message"]')?.textContent ?? ''));
    assert.equal(await rows(page).count(), 1);
    // The language switch, which remembers its choice in storage, still switches.
    await page.selectOption('[data-testid="language"]', 'zh-Hans');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
