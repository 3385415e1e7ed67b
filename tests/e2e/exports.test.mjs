import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openApp } from './browser.mjs';

const drawn = (page, id) => page.waitForSelector(`[data-testid="${id}"][data-draws]:not([data-draws="0"])`, { timeout: 30000 });

async function save(page, testid) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testid}"]`)]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

test('every chart saves as PNG and as SVG drawn by the same code, and tables as CSV', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await drawn(page, 'ranking-chart');
    const png = await save(page, 'ranking-chart-png');
    assert.equal(png.name, 'ranking-chart.png');
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
    assert.ok(png.bytes.length > 5000, `PNG of ${png.bytes.length} bytes`);

    const svg = await save(page, 'ranking-chart-svg');
    assert.equal(svg.name, 'ranking-chart.svg');
    const text = svg.bytes.toString('utf8');
    assert.match(text, /^<svg/);
    const top = (await page.getAttribute('[data-testid="ranking-chart"]', 'aria-label')).match(/1\. ([^0-9]+) \d/)[1].trim();
    assert.ok(text.includes(top), `the SVG names the top market, ${top}`);
    assert.ok((text.match(/<rect/g) ?? []).length > 40, 'the SVG has the bars');

    // The CSV has every row; the table shows them all once asked.
    await page.click('[data-testid="ranking-show-all"]');
    const csv = await save(page, 'ranking-table-csv');
    assert.equal(csv.name, 'readiness-ranking.csv');
    const csvText = csv.bytes.toString('utf8');
    assert.ok(csvText.startsWith('\ufeff'), 'a byte-order mark, for Excel');
    const lines = csvText.slice(1).trim().split('\r\n');
    assert.match(lines[0], /^Rank,Market,ISO3,World rank,Score,Demand,/);
    assert.equal(lines.length - 1, await page.locator('[data-testid="ranking-table"] tbody tr').count());
    assert.match(lines[1], new RegExp(`^1,${top},[A-Z]{3},`));

    await page.click('[data-testid="tab-test-markets"]');
    await drawn(page, 'sell-through-chart');
    await page.click('summary:has-text("Data table: weekly sales")');
    const weekly = await save(page, 'sales-table-csv');
    assert.equal(weekly.name, 'weekly-sales.csv');
    assert.equal(weekly.bytes.toString('utf8').trim().split('\r\n').length, 61);
    const flash = await save(page, 'flash-chart-svg');
    assert.match(flash.bytes.toString('utf8'), /did not/);

    await page.click('[data-testid="tab-gates"]');
    await page.waitForSelector('[data-testid="decision-board"] tbody tr');
    const board = (await save(page, 'decision-board-csv')).bytes.toString('utf8').slice(1).trim().split('\r\n');
    assert.match(board[0], /^Market,ISO3,Candidate rank,Decision,Readiness score at least 55 of 100,/);
    assert.match(board[1], /^Hong Kong,HKG,\d+,Go,✓ /);
    // The board lists the first 50 until asked; the CSV has every candidate.
    assert.equal(await page.locator('[data-testid="decision-board"] tbody tr').count(), 50);
    await page.click('[data-testid="decision-board-show-all"]');
    assert.equal(board.length - 1, await page.locator('[data-testid="decision-board"] tbody tr').count());
    assert.ok(board.length - 1 > 50, `${board.length - 1} candidates`);
    await page.click('[data-testid="tab-margins"]');
    await page.waitForSelector('[data-testid="economics-table"] tbody tr');
    const economics = (await save(page, 'economics-table-csv')).bytes.toString('utf8').slice(1).trim().split('\r\n');
    assert.match(economics[0], /^Market,ISO3,Contribution per unit \(US\$\),Margin %,Break-even units,Payback \(months\)$/);
    assert.equal(economics.length - 1, await page.locator('[data-testid="economics-table"] tbody tr').count());

    // Every other table too: each CSV has the table's rows.
    const csvRows = async (testid) => (await save(page, `${testid}-csv`)).bytes.toString('utf8').slice(1).trim().split('\r\n');
    await page.click('[data-testid="tab-data"]');
    await page.waitForSelector('[data-testid="indicator-catalogue"] tbody tr');
    const catalogue = await csvRows('indicator-catalogue');
    assert.match(catalogue[0], /^Id,Indicator,Pillar,Unit,Direction,Status,Years,Coverage,Source,Licence$/);
    assert.equal(catalogue.length - 1, await page.locator('[data-testid="indicator-catalogue"] tbody tr').count());
    assert.ok((await csvRows('coverage-table')).length > 10);
    await page.click('[data-testid="tab-market"]');
    await page.waitForSelector('[data-testid="market-indicators"] tbody tr');
    const indicators = await csvRows('market-indicators');
    assert.equal(indicators.length - 1, await page.locator('[data-testid="market-indicators"] tbody tr').count());
    await page.click('[data-testid="tab-compare"]');
    await page.waitForSelector('[data-testid="compare-table"] tbody tr');
    const compared = await csvRows('compare-table');
    assert.equal(compared.length - 1, await page.locator('[data-testid="compare-table"] tbody tr').count());
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
