import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BASE_URL, openApp, screenshot, inkedPixels } from './browser.mjs';

const file = resolve(process.env.DIST_DIR ?? 'dist', 'beachhead.html');

test('dist/beachhead.html runs from file:// with the network blocked', async () => {
  assert.ok(existsSync(file), `${file} is built`);
  const { page, consoleErrors, requests, close } = await openApp({ path: 'about:blank' });
  try {
    // Every request that would leave the file is refused.
    await page.context().route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('[data-testid="ranking-chart"][data-draws]:not([data-draws="0"])', { timeout: 30000 });
    assert.ok((await inkedPixels(page, '[data-testid="ranking-chart"]')).inked > 20000);
    await page.click('[data-testid="tab-map"]');
    await page.waitForSelector('[data-testid="map-chart"][data-draws]:not([data-draws="0"])', { timeout: 30000 });
    await page.click('[data-testid="tab-test-markets"]');
    await page.waitForSelector('[data-testid="sell-through-chart"][data-draws]:not([data-draws="0"])');
    // The Monte Carlo's workers start from the file too.
    await page.click('[data-testid="tab-uncertainty"]');
    await page.waitForSelector('[data-testid="mc-done"]', { timeout: 60000 });
    assert.ok(Number(await page.getAttribute('[data-testid="mc-done"]', 'data-workers')) >= 1, 'run on background workers');
    // The Chinese text is in the file too.
    await page.selectOption('[data-testid="language"]', 'zh-Hans');
    await page.waitForFunction(() => document.querySelector('[data-testid="tab-ranking"]')?.textContent === '排名');
    await screenshot(page, 'offline-file');
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(policy, /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data: blob:; worker-src blob:$/);
    const outside = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:') && u !== 'about:blank');
    assert.deepEqual(outside, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('the hosted build, once loaded, opens again with the network gone (service worker)', async () => {
  const { page, consoleErrors, close } = await openApp({ serviceWorkers: 'allow' });
  try {
    await page.waitForSelector('[data-testid="ranking-chart"][data-draws]:not([data-draws="0"])', { timeout: 30000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys.find((k) => k.startsWith('beachhead-')));
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    assert.ok(cached.some((p) => p.endsWith('.wasm')), `the wasm is cached: ${cached.join(', ')}`);
    assert.ok(cached.some((p) => p.endsWith('/data/indicators.csv')), 'the data is cached');
    assert.ok(!cached.some((p) => p.endsWith('beachhead.html')), 'the single file is not cached twice');

    await page.context().setOffline(true);
    await page.goto(`${BASE_URL}#margins?m=HKG`);
    await page.waitForSelector('[data-testid="waterfall-chart"][data-draws]:not([data-draws="0"])', { timeout: 30000 });
    await page.click('[data-testid="tab-test-markets"]');
    await page.waitForSelector('[data-testid="sell-through-chart"][data-draws]:not([data-draws="0"])');
    // The Monte Carlo worker's files come from the cache too.
    await page.click('[data-testid="tab-uncertainty"]');
    await page.waitForSelector('[data-testid="mc-done"]', { timeout: 60000 });
    assert.ok(Number(await page.getAttribute('[data-testid="mc-done"]', 'data-workers')) >= 1, 'run on background workers');
    await page.selectOption('[data-testid="language"]', 'zh-Hans');
    await page.waitForFunction(() => document.querySelector('[data-testid="tab-ranking"]')?.textContent === '排名');
    await screenshot(page, 'offline-service-worker');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await page.context().setOffline(false);
    await close();
  }
});
