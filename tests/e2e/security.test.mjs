import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, foreignRequests, screenshot } from './browser.mjs';

test('every view runs under the strict Content Security Policy, on its own origin only', async () => {
  const { page, consoleErrors, requests, close } = await openApp();
  try {
    await page.waitForSelector('[data-testid="ranking-chart"][data-draws]:not([data-draws="0"])');
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.equal(policy, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:");
    assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script');
    const tabs = await page.locator('nav.tabs [role="tab"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
    assert.ok(tabs.length >= 12);
    for (const tab of tabs) {
      await page.click(`[data-testid="${tab}"]`);
      await page.waitForTimeout(400);
    }
    // Styles set from data (legend swatches, meters, tooltips) go through the CSSOM, which the
    // policy allows; a style attribute in markup would be refused and logged.
    await page.click('[data-testid="tab-map"]');
    await page.waitForSelector('[data-testid="map-chart"][data-draws]:not([data-draws="0"])');
    const box = await page.locator('[data-testid="map-chart"]').boundingBox();
    await page.mouse.move(box.x + box.width * 0.78, box.y + box.height * 0.4);
    await page.waitForSelector('[data-testid="map-tooltip"]');
    assert.notEqual(await page.$eval('[data-testid="map-tooltip"]', (e) => e.style.left), '');
    await screenshot(page, 'csp-map');
    assert.deepEqual(consoleErrors, [], 'no policy violation or other error');
    assert.deepEqual(foreignRequests(requests), []);
  } finally {
    await close();
  }
});

test('script in a link\'s state is shown as text, never run or parsed as markup', async () => {
  const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const q = encodeURIComponent(payload);
  const links = [
    `#market?m=${q}`,
    `#compare?c=${q}`,
    `#ranking?w=${q}:5`,
    `#ranking?r=${q}`,
    `#test-markets?t=${q}`,
    `#margins?a=${q}%20${q}`,
    `#${q}`,
  ];
  const { page, consoleErrors, requests, close } = await openApp();
  try {
    page.on('dialog', () => { throw new Error('a dialog opened'); });
    for (const link of links) {
      await page.evaluate((l) => { location.hash = l; }, link);
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => window.__pwned), undefined, link);
      assert.equal(await page.locator('img[src="x"], main script').count(), 0, link);
    }
    // The unreadable part is named in the notice, as literal text.
    await page.evaluate((l) => { location.hash = l; }, `#ranking?m=x&w=${q}:5`);
    await page.waitForSelector('[data-testid="link-notice"]');
    const notice = await page.textContent('[data-testid="link-notice"]');
    assert.ok(notice.includes('<img src=x onerror='), notice);
    assert.equal(await page.locator('[data-testid="link-notice"] img, [data-testid="link-notice"] script').count(), 0);
    assert.deepEqual(foreignRequests(requests), []);
    assert.deepEqual(consoleErrors.filter((e) => !/favicon/.test(e)), []);
  } finally {
    await close();
  }
});
