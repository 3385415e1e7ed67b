import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot } from './browser.mjs';

// Issue 16: the default ranking rests on real, cited data only; the generated layers enter it
// only through the switch, which the link and the Data tab's summary follow.

const chart = '[data-testid="ranking-chart"]';
const ready = (page) => page.waitForSelector(`${chart}[data-draws]:not([data-draws="0"])`, { timeout: 30000 });
const label = (page) => page.getAttribute(chart, 'aria-label');
const listed = async (page) => (await label(page))
  .split(': ').slice(1).join(': ').split('; ').map((s) => s.replace(/^\d+\. /, '').replace(/ [\d.]+$/, ''));
const statusText = (page, id) => page.textContent(`[data-testid="${id}"]`);

test('by default the ranking holds Taiwan and Hong Kong and rests on no illustrative number', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await ready(page);
    const top = await listed(page);
    assert.ok(top.includes('Taiwan') && top.includes('Hong Kong'), top.join(', '));
    assert.match(await statusText(page, 'weights-status'), /100% measured, 0% approximate, 0% illustrative/);
    assert.equal(await page.isChecked('[data-testid="illustrative-switch"]'), false);
    // The generated layers' sliders are held while the switch is off.
    assert.ok(await page.isDisabled('[data-testid="weight-community"]'));
    assert.ok(await page.isDisabled('[data-testid="weight-service"]'));
    assert.equal((await page.textContent('[data-testid="share-community"]')).trim(), '0%');
    // The full ranking table ranks Taiwan too.
    const rows = await page.locator('[data-testid="ranking-table"] tbody th').allTextContents();
    assert.ok(rows.some((r) => r.includes('Taiwan')), 'Taiwan is in the ranking table');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('the switch lets the illustrative layers in, says so, writes it into the link, and a link restores it', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await ready(page);
    const before = await label(page);
    await page.check('[data-testid="illustrative-switch"]');
    await page.waitForFunction(([sel, old]) => document.querySelector(sel).getAttribute('aria-label') !== old, [chart, before]);
    const status = await statusText(page, 'weights-status');
    const illustrative = Number(status.match(/(\d+)% illustrative/)[1]);
    assert.ok(illustrative > 0 && illustrative < 50, status);
    assert.ok(!(await page.isDisabled('[data-testid="weight-community"]')));
    assert.notEqual((await page.textContent('[data-testid="share-community"]')).trim(), '0%');
    await page.waitForFunction(() => location.hash.includes('il=1'));
    assert.match(await page.textContent('[data-testid="illustrative-banner"]'), new RegExp(`${illustrative}% of the ranking's weight rests on generated numbers`));
    await screenshot(page, 'ranking-illustrative-on');

    // The Data tab's summary follows the same switch, per pillar.
    await page.click('[data-testid="tab-data"]');
    await page.waitForSelector('[data-testid="weight-status-table"]');
    assert.match(await statusText(page, 'data-weight-status'), new RegExp(`${illustrative}% illustrative`));
    const community = await page.locator('[data-testid="weight-status-community"] td').allTextContents();
    assert.equal(community[3].trim(), '100%', `community is generated: ${community.join(' | ')}`);
    assert.ok(await page.isChecked('[data-testid="data-illustrative-switch"]'));
    await page.uncheck('[data-testid="data-illustrative-switch"]');
    await page.waitForFunction(() => !location.hash.includes('il=1'));
    assert.match(await statusText(page, 'data-weight-status'), /0% illustrative/);
    assert.equal(await page.locator('[data-testid="illustrative-banner"]').count(), 0, 'the banner goes with the switch');
    const off = await page.locator('[data-testid="weight-status-community"] td').allTextContents();
    assert.equal(off[0].trim(), '0%', `community weighs nothing when off: ${off.join(' | ')}`);
    const competition = await page.locator('[data-testid="weight-status-competition"] td').allTextContents();
    assert.equal(competition[1].trim(), '100%', `competition is measured: ${competition.join(' | ')}`);
    await screenshot(page, 'data-weight-status');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
  // A link with il=1 opens with the layers on.
  const linked = await openApp({ path: '#ranking?il=1' });
  try {
    await ready(linked.page);
    assert.ok(await linked.page.isChecked('[data-testid="illustrative-switch"]'));
    assert.doesNotMatch(await statusText(linked.page, 'weights-status'), / 0% illustrative/);
    assert.deepEqual(linked.consoleErrors, []);
  } finally {
    await linked.close();
  }
});

test('a value from another source says so: Taiwan in the Market view, the Data tab and the memo', async () => {
  const { page, consoleErrors, close } = await openApp({ path: '#market?m=TWN' });
  try {
    await page.waitForSelector('[data-testid="market-indicators"] tbody tr');
    const population = page.locator('[data-testid="market-indicators"] tbody tr', { hasText: 'Population' }).first();
    assert.match(await population.textContent(), /other source/);
    assert.match(await population.textContent(), /International Monetary Fund|IMF/);
    assert.match(await population.locator('td.num').first().getAttribute('title'), /IMF/);
    await screenshot(page, 'market-taiwan-sources');

    await page.click('[data-testid="tab-data"]');
    await page.waitForSelector('[data-testid="own-sources-table"] tbody tr');
    const rows = await page.locator('[data-testid="own-sources-table"] tbody tr').count();
    assert.equal(rows, 85);
    const india = page.locator('[data-testid="own-sources-table"] tbody tr', { hasText: 'India' });
    assert.match(await india.textContent(), /16\.5.*approximate/s);
    assert.match(await page.textContent('[data-testid="indicator-catalogue"]'), /values from other sources/);

    await page.click('[data-testid="tab-memo"]');
    await page.waitForSelector('[data-testid="memo-weight-status"]');
    assert.match(await page.textContent('[data-testid="memo-weight-status"]'), /100% measured.*illustrative layers off/s);
    assert.match(await page.textContent('[data-testid="memo-own-sources"]'), /IMF/);
    // Taiwan's memo names its values' own sources and still prints on one page.
    assert.equal(await page.textContent('[data-testid="memo-title"]'), 'Taiwan');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: 'target/e2e/memo-taiwan-print.png', fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    assert.equal(pages, 1, `Taiwan's memo prints on ${pages} pages`);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test("the Margins view cites where a market's duty and VAT come from: India's own, approximate rate", async () => {
  const { page, consoleErrors, close } = await openApp({ path: '#margins?m=IND' });
  try {
    await page.waitForSelector('[data-testid="margin-tax-sources"]');
    const india = await page.textContent('[data-testid="margin-tax-sources"]');
    assert.match(india, /Import duty: 16\.5% of CIF value from Government of India.*approximate/s);
    assert.match(india, /VAT\/GST: 18(\.0)?% from/);
    await page.goto(`${page.url().split('#')[0]}#margins?m=HKG`);
    await page.waitForFunction(() => document.querySelector('[data-testid="margin-tax-sources"]')?.textContent.includes('WTO'));
    assert.match(await page.textContent('[data-testid="margin-tax-sources"]'), /Import duty: 0(\.00)?% of CIF value from WTO Information Technology Agreement/);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
