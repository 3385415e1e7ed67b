import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openApp, foreignRequests, screenshot, inkedPixels } from './browser.mjs';

const drawn = (page, id) => page.waitForSelector(`[data-testid="${id}"][data-draws]:not([data-draws="0"])`, { timeout: 30000 });
const weekly = readFileSync(new URL('../../public/data/test-markets/weekly.csv', import.meta.url), 'utf8');

async function pick(page, name, text) {
  await page.locator('[data-testid="tracker-file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.waitForSelector('[data-testid="tracker-report"]');
  return page.locator('[data-testid="tracker-report"]').textContent();
}

test('the tracker draws sell-through, flash sales, cover, shares and service for each test market, each with its table', async () => {
  const { page, consoleErrors, requests, close } = await openApp({ path: '#test-markets' });
  try {
    const charts = ['sell-through-chart', 'flash-chart', 'cover-chart', 'share-chart', 'return-chart', 'repair-chart', 'rating-chart', 'signals-chart'];
    for (const id of charts) {
      await drawn(page, id);
      const { inked, width } = await inkedPixels(page, `[data-testid="${id}"]`);
      assert.ok(width > 200, `${id} is ${width} px wide`);
      assert.ok(inked > 1500, `${id} has ink: ${inked}`);
    }
    assert.equal(await page.inputValue('[data-testid="tracker-market"]'), await page.locator('[data-testid="tracker-market"] option', { hasText: 'Hong Kong' }).getAttribute('value'));
    assert.match(await page.textContent('[data-testid="kpi-sell-through"]'), /^\d+%$/);
    assert.match(await page.textContent('[data-testid="kpi-rating"]'), /^[0-5]\.\d\d$/);
    assert.match(await page.textContent('.tracker-view'), /illustrative/);
    await screenshot(page, 'tracker');

    // Every chart's numbers are in its table: 60 weeks, 28 months.
    await page.click('summary:has-text("Data table: weekly sales")');
    await page.waitForSelector('[data-testid="sales-table"] tbody tr');
    assert.equal(await page.locator('[data-testid="sales-table"] tbody tr').count(), 60);
    // A folded table builds its rows when opened.
    assert.equal(await page.locator('[data-testid="share-table"] tbody tr').count(), 0);
    await page.click('summary:has-text("Data table: competitor shares")');
    await page.waitForSelector('[data-testid="share-table"] tbody tr');
    assert.equal(await page.locator('[data-testid="share-table"] tbody tr').count(), 14);
    const hkSellThrough = await page.textContent('[data-testid="kpi-sell-through"]');

    await page.selectOption('[data-testid="tracker-market"]', { label: 'Taiwan' });
    await page.waitForFunction((before) => document.querySelector('[data-testid="kpi-sell-through"]')?.textContent !== before, hkSellThrough);
    await drawn(page, 'sell-through-chart');
    await page.locator('[data-testid="cover-chart"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'tracker-taiwan-cover');
    await page.locator('[data-testid="return-chart"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'tracker-service');
    // Back to Hong Kong by a link: the picker follows the market shown, though the user had
    // picked another in it.
    const taiwan = await page.inputValue('[data-testid="tracker-market"]');
    await page.evaluate(() => { location.hash = '#test-markets?t=HKG'; });
    await page.waitForFunction((before) => document.querySelector('[data-testid="kpi-sell-through"]')?.textContent === before, hkSellThrough);
    const hongKong = await page.locator('[data-testid="tracker-market"] option', { hasText: 'Hong Kong' }).getAttribute('value');
    assert.equal(await page.inputValue('[data-testid="tracker-market"]'), hongKong);
    assert.notEqual(hongKong, taiwan);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests(requests), []);
  } finally {
    await close();
  }
});

test('own test-market files load, and a bad one is refused with its row and column, changing nothing', async () => {
  const { page, consoleErrors, close } = await openApp({ path: '#test-markets' });
  try {
    await drawn(page, 'sell-through-chart');
    const before = await page.textContent('[data-testid="kpi-sell-through"]');

    const broken = weekly.replace('HKG,2013-09-09,1505', 'HKG,2013-09-09,lots');
    const refused = await pick(page, 'my-weekly.csv', broken);
    assert.match(refused, /not loaded/);
    assert.match(refused, /my-weekly\.csv, row 3, column "plan_units": found "lots"/);
    assert.equal(await page.textContent('[data-testid="kpi-sell-through"]'), before);
    await screenshot(page, 'tracker-refused');

    // Only Taiwan, with every plan halved: it sells twice its plan.
    const own = weekly.split('\n').filter((l, i) => i === 0 || l.startsWith('TWN')).map((l, i) => {
      if (i === 0 || !l) return l;
      const cells = l.split(',');
      cells[2] = String(Math.round(Number(cells[2]) / 2));
      return cells.join(',');
    }).join('\n');
    const loaded = await pick(page, 'taiwan.csv', own);
    assert.match(loaded, /Loaded taiwan\.csv: 1 test market\./);
    assert.equal(await page.locator('[data-testid="tracker-market"] option').count(), 1);
    assert.equal(await page.locator('[data-testid="tracker-market"] option').textContent(), 'Taiwan');
    const share = Number((await page.textContent('[data-testid="kpi-sell-through"]')).replace('%', ''));
    assert.ok(share > 150, `halved plan, sell-through ${share}%`);
    await page.click('summary:has-text("Data table: flash sales")');
    assert.match(await page.textContent('summary:has-text("Data table: flash sales")'), /\(0 rows\)/, 'no flash-sale file, no flash sales');
    assert.equal(await page.locator('[data-testid="flash-table"] tbody tr').count(), 0);
    await screenshot(page, 'tracker-own');

    await page.click('[data-testid="tracker-bundled"]');
    assert.equal(await page.locator('[data-testid="tracker-market"] option').count(), 2);
    assert.equal(await page.textContent('[data-testid="kpi-sell-through"]'), before);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

/** `weeks` weekly rows for each of `markets`, from 2010-01-04. */
function longWeekly(markets, weeks) {
  const header = 'market,week,plan_units,units_online,units_platforms,units_carriers,units_retail,inventory_on_hand,inventory_in_transit,stockout_days,forum_posts,reseller_listings,service_tickets,repair_turnaround_days,return_rate_pct,rating';
  const lines = [header];
  const start = Date.UTC(2010, 0, 4);
  const days = Array.from({ length: weeks }, (_, w) => new Date(start + w * 7 * 86400000).toISOString().slice(0, 10));
  for (const market of markets) {
    for (let w = 0; w < weeks; w++) lines.push(`${market},${days[w]},1000,300,200,150,250,4000,500,0,40,12,30,3,1.5,4.4`);
  }
  return lines.join('\n');
}

test('a long file charts its last three years until every week is asked for, and a large load shows progress and can be stopped', async () => {
  const { page, consoleErrors, close } = await openApp({ path: '#test-markets' });
  try {
    await drawn(page, 'sell-through-chart');
    const loaded = await pick(page, 'ten-years.csv', longWeekly(['TWN'], 520));
    assert.match(loaded, /Loaded ten-years\.csv: 1 test market\./);
    assert.match(await page.textContent('[data-testid="tracker-span"]'), /last 156 of 520 weeks/);
    const sales = 'summary:has-text("Data table: weekly sales")';
    assert.match(await page.textContent(sales), /\(156 rows\)/);
    // The KPIs still read the whole track: its last week.
    assert.match(await page.textContent('[data-testid="tracker-kpis"] ~ p.hint'), /Latest week 2019-12-16/);
    await page.click('[data-testid="tracker-span-toggle"]');
    await page.waitForFunction(() => [...document.querySelectorAll('summary')].some((e) => e.textContent.includes('Data table: weekly sales (520 rows)')));
    assert.match(await page.textContent('[data-testid="tracker-span"]'), /all 520 weeks/);

    // 120 markets × 2,500 weeks (300,000 rows, 27 MB): the load shows its progress; Stop leaves the data as it was.
    const codes = readFileSync(new URL('../../public/data/markets.csv', import.meta.url), 'utf8').split('\n').slice(1, 121).map((l) => l.split(',')[0]);
    await page.locator('[data-testid="tracker-file"]').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(longWeekly(codes, 2500)) });
    await page.waitForSelector('[data-testid="tracker-progress"] [role="progressbar"]', { timeout: 20000 });
    await page.click('[data-testid="tracker-stop"]');
    await page.waitForSelector('[data-testid="tracker-stopped"]');
    assert.match(await page.textContent('[data-testid="tracker-span"]'), /all 520 weeks/, 'the data in use is the ten-year file still');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
