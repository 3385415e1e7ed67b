import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot } from './browser.mjs';

const DRAWN = (id) => `[data-testid="${id}"][data-draws]:not([data-draws="0"])`;
const CJK = /[\u4e00-\u9fff]/;

test('the interface switches to Simplified Chinese, keeps the view, and remembers the choice', async () => {
  const { page, consoleErrors, close } = await openApp({ path: '#margins?m=HKG' });
  try {
    await page.waitForSelector(DRAWN('waterfall-chart'), { timeout: 30000 });
    assert.equal(await page.textContent('[data-testid="tab-ranking"]'), 'Ranking');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const url = page.url();

    await page.selectOption('[data-testid="language"]', 'zh-Hans');
    // The Chinese text is fetched when first chosen.
    await page.waitForFunction(() => document.querySelector('[data-testid="tab-ranking"]')?.textContent === '排名');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
    assert.equal(page.url(), url, 'the view and its state stay as they were');
    for (const control of ['embed', 'present']) {
      assert.match(await page.textContent(`[data-testid="${control}"]`), CJK, `${control} is translated`);
    }
    assert.match(await page.locator('main > div:not([hidden]) details.chart-data > summary').first().textContent(), /^数据表：价格瀑布数据/, 'a data table is named in Chinese');
    // Every view's headings are in Chinese.
    for (const view of ['ranking', 'map', 'market', 'compare', 'uncertainty', 'margins', 'opportunity', 'test-markets', 'demand', 'gates', 'memo', 'data']) {
      await page.click(`[data-testid="tab-${view}"]`);
      const headings = await page.$$eval('main > div:not([hidden]) h2', (hs) => hs.map((h) => h.textContent));
      assert.ok(headings.length > 0, `${view} has headings`);
      const english = headings.filter((h) => !CJK.test(h));
      assert.deepEqual(english, [], `${view}: headings left in English`);
    }
    await page.click('[data-testid="tab-market"]');
    assert.equal(await page.textContent('[data-testid="market-name"]'), '香港', 'a market is named as CLDR names it in Chinese');
    assert.ok(await page.locator('[data-testid="market-picker"] option', { hasText: /^日本$/ }).count(), 'the picker lists the Chinese names');
    await page.click('[data-testid="tab-ranking"]');
    await page.waitForSelector(DRAWN('ranking-chart'));
    await screenshot(page, 'language-zh-ranking');
    await page.click('[data-testid="tab-gates"]');
    await screenshot(page, 'language-zh-gates');

    await page.reload();
    await page.waitForFunction(() => /[\u4e00-\u9fff]/.test(document.querySelector('[data-testid="tab-ranking"]')?.textContent ?? ''), null, { timeout: 30000 });

    await page.selectOption('[data-testid="language"]', 'en');
    assert.equal(await page.textContent('[data-testid="tab-ranking"]'), 'Ranking');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
