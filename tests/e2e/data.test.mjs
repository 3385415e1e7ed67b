import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openApp, foreignRequests, screenshot } from './browser.mjs';

const chart = '[data-testid="ranking-chart"]';
const ready = (page) => page.waitForSelector(`${chart}[data-draws]:not([data-draws="0"])`, { timeout: 30000 });

async function rankOf(page, market) {
  // The table lists its first 50 rows until asked for all.
  const showAll = page.locator('[data-testid="ranking-show-all"]');
  if (await showAll.count() > 0) await showAll.click();
  const row = page.locator('[data-testid="ranking-table"] tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${market}$`) }) });
  return Number(await row.locator('td').first().textContent());
}

async function upload(page, name, text) {
  await page.locator('[data-testid="file-input"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.waitForSelector('[data-testid="load-report"]');
  return page.locator('[data-testid="load-report"]');
}

test('the Data view lists every indicator with its source, licence, status and coverage', async () => {
  const { page, consoleErrors, requests, close } = await openApp({ path: '#data' });
  try {
    await page.waitForSelector('[data-testid="indicator-catalogue"] tbody tr');
    const rows = await page.locator('[data-testid="indicator-catalogue"] tbody tr').count();
    assert.ok(rows >= 20, `indicators listed: ${rows}`);
    const text = await page.textContent('[data-testid="indicator-catalogue"]');
    for (const expected of ['World Bank, World Development Indicators', 'CC BY 4.0', 'illustrative', 'values from other sources', 'StatCounter', 'Fan-forum members']) {
      assert.ok(text.includes(expected), `catalogue lacks ${expected}`);
    }
    assert.match(await page.textContent('body'), /Attribution \(CC BY 4\.0\)/);
    assert.ok(await page.locator('[data-testid="coverage-table"] tbody tr').count() > 0);
    await screenshot(page, 'data');
    await page.locator('[data-testid="coverage-table"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'data-coverage');
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests(requests), []);
  } finally {
    await close();
  }
});

test('a good file changes the ranking; a bad one shows located errors and changes nothing', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await ready(page);
    const before = await rankOf(page, 'India');

    await page.click('[data-testid="tab-data"]');
    const good = await upload(page, 'india-survey.csv', 'country;internet_pct;lpi_score;mobile_subs_per100\nIndia;99;4.5;150\nNarnia;50;3;100\n');
    assert.match(await good.textContent(), /Loaded india-survey\.csv: 3 values for 1 market\. 1 warning below\./);
    assert.match(await good.textContent(), /india-survey\.csv, row 3, column "country": found "Narnia"/);
    await screenshot(page, 'data-loaded');

    await page.click('[data-testid="tab-ranking"]');
    const after = await rankOf(page, 'India');
    assert.ok(after < before, `India should climb with better internet, logistics and mobile: ${before} → ${after}`);
    assert.ok(await page.isVisible('[data-testid="own-data-badge"]'));

    await page.click('[data-testid="tab-data"]');
    const bad = await upload(page, 'typo.csv', 'iso3,internet_pct\nIND,140\n');
    assert.match(await bad.textContent(), /Nothing was loaded: 1 problem to fix\. The data in use is unchanged\./);
    assert.match(await bad.textContent(), /typo\.csv, row 2, column "internet_pct": found 140; expected a value from 0 to 100 \(% of population\)/);
    await screenshot(page, 'data-error');

    await page.click('[data-testid="tab-ranking"]');
    assert.equal(await rankOf(page, 'India'), after, 'the failed load must leave the ranking as it was');

    await page.click('[data-testid="tab-data"]');
    await page.click('[data-testid="use-bundled"]');
    await page.click('[data-testid="tab-ranking"]');
    assert.equal(await rankOf(page, 'India'), before);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('files can be dropped, and a new indicator gets its own weight', async () => {
  const { page, consoleErrors, close } = await openApp({ path: '#data' });
  try {
    await page.waitForSelector('[data-testid="drop-zone"]');
    const json = JSON.stringify({
      format: 'beachhead-data', version: 1,
      indicators: [{ id: 'fan_sites', label: 'Fan sites', unit: 'sites', direction: 'higher', pillar: 'community', source: 'Our survey', licence: 'internal', min: 0 }],
      values: [{ market: 'Kenya', indicator: 'fan_sites', value: 900, year: 2024 }, { market: 'HK', indicator: 'fan_sites', value: 12 }],
    });
    await page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'fans.json', { type: 'application/json' }));
      const zone = document.querySelector('[data-testid="drop-zone"]');
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, json);
    await page.waitForSelector('[data-testid="load-report"].ok');
    assert.match(await page.textContent('[data-testid="load-report"]'), /1 indicator defined/);

    await page.click('[data-testid="tab-ranking"]');
    // New indicators gather in a pillar of their own that starts at weight 0.
    const slider = page.locator('[data-testid="weight-your_data"]');
    assert.equal(await slider.inputValue(), '0', 'a new indicator starts at weight 0');
    assert.match(await page.textContent('[data-testid="pillar-your_data"]'), /Fan sites/);
    const before = await rankOf(page, 'Kenya');
    await slider.fill('10');
    await page.waitForFunction(() => document.querySelector('[data-testid="share-your_data"]').textContent !== '0%');
    assert.ok((await rankOf(page, 'Kenya')) < before, 'Kenya climbs when its fan sites count');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('the template downloads and the browser back button returns to the ranking', async () => {
  const { page, close } = await openApp();
  try {
    await ready(page);
    await page.click('[data-testid="tab-data"]');
    assert.ok(page.url().endsWith('#data'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-template"]')]);
    assert.equal(download.suggestedFilename(), 'beachhead-data-template.csv');
    const text = readFileSync(await download.path(), 'utf8');
    assert.ok(text.startsWith('iso3,name,population,population_year,'), text.slice(0, 80));
    assert.ok(text.split('\n').length > 200);
    await page.goBack();
    await page.waitForSelector(`${chart}`, { state: 'visible' });
    assert.equal(await page.getAttribute('[data-testid="tab-ranking"]', 'aria-selected'), 'true');
  } finally {
    await close();
  }
});
