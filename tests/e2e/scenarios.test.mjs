import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openApp, screenshot } from './browser.mjs';

const drawn = (page, id) => page.waitForSelector(`[data-testid="${id}"][data-draws]:not([data-draws="0"])`, { timeout: 30000 });
const rows = (page) => page.locator('[data-testid="scenario-list"] tbody tr');

async function saveAs(page, name, savedAs = name) {
  await page.fill('[data-testid="scenario-name"]', name);
  await page.click('[data-testid="scenario-save"]');
  await page.waitForFunction((n) => document.querySelector('[data-testid="scenario-message"]')?.textContent.includes(`Saved "${n}"`), savedAs);
}

test('scenarios are saved, survive a reload, reopen, compare, and travel as JSON', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await drawn(page, 'ranking-chart');
    await page.click('[data-testid="scenarios"] summary');
    await saveAs(page, 'As shipped');
    await page.locator('[data-testid="weight-demand"]').fill('0');
    await page.locator('[data-testid="weight-digital"]').fill('40');
    await saveAs(page, 'Digital first');
    await saveAs(page, 'Digital first', 'Digital first (2)');
    assert.equal(await rows(page).count(), 3);
    assert.equal(await rows(page).nth(2).locator('input').inputValue(), 'Digital first (2)', 'a taken name gets a number');

    await page.reload();
    await drawn(page, 'ranking-chart');
    await page.click('[data-testid="scenarios"] summary');
    assert.equal(await rows(page).count(), 3, 'saved in the browser');
    await page.locator('[data-testid="scenario-delete-2"]').click();
    assert.equal(await rows(page).count(), 2);

    await page.selectOption('[data-testid="compare-a"]', { label: 'As shipped' });
    await page.selectOption('[data-testid="compare-b"]', { label: 'Digital first' });
    await page.waitForSelector('[data-testid="scenario-comparison"] tbody tr');
    const comparison = await page.textContent('[data-testid="scenario-comparison"]');
    assert.match(comparison, /[▲▼] \d+/, 'ranks move between the scenarios');
    assert.ok(await page.locator('[data-testid="scenario-comparison"] tbody tr').count() >= 10);
    await screenshot(page, 'scenarios');

    // Opening a scenario applies it.
    await page.click('[data-testid="scenario-open-0"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="weight-demand"]').value !== '0');
    await page.click('[data-testid="scenario-open-1"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="weight-demand"]').value === '0');
    assert.equal(await page.inputValue('[data-testid="weight-digital"]'), '40');

    // Export all, then import into a fresh browser.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export all')]);
    const json = readFileSync(await download.path(), 'utf8');
    assert.equal(JSON.parse(json).format, 'beachhead-scenarios');
    const fresh = await openApp();
    try {
      await fresh.page.waitForSelector('[data-testid="scenarios"]');
      await fresh.page.click('[data-testid="scenarios"] summary');
      await fresh.page.locator('[data-testid="scenario-import"]').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(json) });
      await fresh.page.waitForFunction(() => /Imported 2 scenarios from mine\.json/.test(document.querySelector('[data-testid="scenario-message"]')?.textContent ?? ''));
      await fresh.page.locator('[data-testid="scenario-import"]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "beachhead-scenarios", "version": 1, "scen') });
      await fresh.page.waitForFunction(() => /broken\.json was not imported: .*Your scenarios are unchanged/.test(document.querySelector('[data-testid="scenario-message"]')?.textContent ?? ''));
      assert.equal(await rows(fresh.page).count(), 2);
    } finally {
      await fresh.close();
    }
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('unreadable or newer stored scenarios are set aside or left alone, never dropped', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await page.waitForSelector('[data-testid="scenarios"]');
    await page.evaluate(() => localStorage.setItem('beachhead.scenarios', '{"format": "beachhead-scenarios", "vers'));
    await page.reload();
    await page.waitForSelector('[data-testid="scenario-message"]', { state: 'attached' });
    const message = await page.textContent('[data-testid="scenario-message"]');
    assert.match(message, /could not be read: .* set aside, unchanged, under the storage key "beachhead\.scenarios\.unreadable\./);
    const aside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('beachhead.scenarios.unreadable.')).map((k) => localStorage.getItem(k)));
    assert.deepEqual(aside, ['{"format": "beachhead-scenarios", "vers']);

    const future = '{"format": "beachhead-scenarios", "version": 7, "scenarios": [{"name": "from the future"}]}';
    await page.evaluate((f) => localStorage.setItem('beachhead.scenarios', f), future);
    await page.reload();
    await page.waitForSelector('[data-testid="scenario-message"]', { state: 'attached' });
    assert.match(await page.textContent('[data-testid="scenario-message"]'), /newer Beachhead \(format version 7\)/);
    await page.click('[data-testid="scenarios"] summary');
    await page.fill('[data-testid="scenario-name"]', 'Now');
    await page.click('[data-testid="scenario-save"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="scenario-list"] tbody tr').length === 1);
    assert.equal(await page.evaluate(() => localStorage.getItem('beachhead.scenarios')), future, 'the newer file is untouched');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('the view on screen exports as a scenario file in one click, and opens again from it', async () => {
  const { page, consoleErrors, close } = await openApp({ path: '#margins?m=HKG&w=demand:5' });
  try {
    await drawn(page, 'waterfall-chart');
    await page.click('[data-testid="scenarios"] summary');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="scenario-export-current"]')]);
    assert.equal(download.suggestedFilename(), 'beachhead-current-scenario.json');
    const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(file.format, 'beachhead-scenarios');
    assert.equal(file.scenarios.length, 1);
    assert.match(file.scenarios[0].state, /(^|&)w=demand%3A5(&|$)/, 'the weights on screen');
    assert.doesNotMatch(file.scenarios[0].state, /(^|&)m=/, 'not where the user was looking');

    const fresh = await openApp();
    try {
      await drawn(fresh.page, 'ranking-chart');
      await fresh.page.click('[data-testid="scenarios"] summary');
      await fresh.page.locator('[data-testid="scenario-import"]').setInputFiles({ name: 'current.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
      await fresh.page.waitForFunction(() => /Imported 1 scenario from current\.json/.test(document.querySelector('[data-testid="scenario-message"]')?.textContent ?? ''));
      await fresh.page.click('[data-testid="scenario-open-0"]');
      await fresh.page.waitForFunction(() => document.querySelector('[data-testid="weight-demand"]').value === '5');
      assert.deepEqual(fresh.consoleErrors, []);
    } finally {
      await fresh.close();
    }
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
