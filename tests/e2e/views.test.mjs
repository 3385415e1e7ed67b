import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot, inkedPixels } from './browser.mjs';

const drawn = (page, testid) => page.waitForSelector(`[data-testid="${testid}"][data-draws]:not([data-draws="0"])`, { timeout: 30000 });

/** The Monte Carlo's table as the workers compute it, on a page of its own. */
async function tableOnWorkers() {
  const { page, close } = await openApp({ path: '#uncertainty' });
  try {
    await page.waitForSelector('[data-testid="mc-done"]', { timeout: 60000 });
    return await page.textContent('[data-testid="mc-table"]');
  } finally {
    await close();
  }
}

/**
 * An init script that appends `patch` to the Monte Carlo worker's script, to slow it down or
 * make it fail: the page makes that script as a blob of the worker's glue and bootstrap.
 */
function patchWorkers(patch) {
  return `(() => {
    const NativeBlob = window.Blob;
    window.Blob = function (parts, options) {
      if (Array.isArray(parts) && parts.some((p) => typeof p === 'string' && p.includes('new wasm_bindgen.Draws'))) {
        parts = [...parts, ${JSON.stringify(patch)}];
      }
      return new NativeBlob(parts, options);
    };
    window.Blob.prototype = NativeBlob.prototype;
  })();`;
}

test('clicking a market opens its profile, contributions and sources', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await drawn(page, 'ranking-chart');
    await page.locator('[data-testid="ranking-table"] button.market-link', { hasText: /^Singapore$/ }).click();
    await page.waitForFunction(() => /^#market(\?|$)/.test(location.hash));
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
    await page.waitForFunction(() => /^#ranking(\?|$)/.test(location.hash) || location.hash === '');
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
    assert.ok(Number(await page.getAttribute('[data-testid="mc-done"]', 'data-workers')) >= 1, 'run on background workers');
    assert.match(await page.textContent('[data-testid="mc-done"]'), /Run on \d+ background threads/);
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

test('Stop ends a Monte Carlo on the workers early, and the draws so far make the result', async () => {
  // The workers slowed down (each slice of draws waits 3 ms more), so that Stop comes first.
  const initScript = patchWorkers(';{const run = wasm_bindgen.Draws.prototype.run; wasm_bindgen.Draws.prototype.run = function (n) { const t = performance.now(); while (performance.now() - t < 3); return run.call(this, n); };}');
  const { page, consoleErrors, close } = await openApp({ path: '#uncertainty', initScript });
  try {
    await page.waitForSelector('[data-testid="mc-done"]', { timeout: 60000 });
    await page.selectOption('[data-testid="mc-draws"]', '10000');
    await page.click('[data-testid="mc-run"]');
    await page.waitForFunction(() => /[1-9]\d* of 10000 draws/.test(document.querySelector('[data-testid="mc-progress"]')?.textContent ?? ''), null, { timeout: 60000 });
    await page.click('[data-testid="mc-cancel"]');
    await page.waitForSelector('[data-testid="mc-done"]', { timeout: 60000 });
    const draws = Number((await page.textContent('[data-testid="mc-done"]')).match(/^(\d+) draws/)[1]);
    assert.ok(draws > 0 && draws < 10000, `stopped after ${draws} draws`);
    assert.ok(Number(await page.getAttribute('[data-testid="mc-done"]', 'data-workers')) >= 1);
    assert.equal(await page.locator('[data-testid="mc-table"] tbody tr').count(), 20);
    // The workers stay ready for the next run, which runs to the end.
    await page.selectOption('[data-testid="mc-draws"]', '200');
    await page.click('[data-testid="mc-run"]');
    await page.waitForFunction(() => /^200 draws/.test(document.querySelector('[data-testid="mc-done"]')?.textContent ?? ''), null, { timeout: 60000 });
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('where no worker can start, the page runs the Monte Carlo itself, to the same result', async () => {
  const expected = await tableOnWorkers();
  const { page, close } = await openApp({ path: '#uncertainty' });
  try {
    // Too late to stop this page's own start, so the worker's wasm is refused instead.
    await page.route('**/mc-worker_bg.wasm', (route) => route.abort());
    await page.reload();
    await page.waitForSelector('[data-testid="mc-done"]', { timeout: 60000 });
    assert.equal(await page.getAttribute('[data-testid="mc-done"]', 'data-workers'), '0');
    assert.match(await page.textContent('[data-testid="mc-done"]'), /Run on the page/);
    assert.equal(await page.textContent('[data-testid="mc-table"]'), expected);
  } finally {
    await close();
  }
});

test('a worker that fails mid-run hands the Monte Carlo to the page, which gives the same result', async () => {
  const expected = await tableOnWorkers();
  // Each worker throws on its third slice of draws.
  const initScript = patchWorkers(';{const run = wasm_bindgen.Draws.prototype.run; let calls = 0; wasm_bindgen.Draws.prototype.run = function (n) { calls += 1; if (calls === 3) throw new Error("a worker fault, on purpose"); return run.call(this, n); };}');
  const { page, close } = await openApp({ path: '#uncertainty', initScript });
  try {
    await page.waitForSelector('[data-testid="mc-done"]', { timeout: 60000 });
    assert.equal(await page.getAttribute('[data-testid="mc-done"]', 'data-workers'), '0');
    assert.match(await page.textContent('[data-testid="mc-done"]'), /^1000 draws/);
    assert.equal(await page.textContent('[data-testid="mc-table"]'), expected);
  } finally {
    await close();
  }
});

test('compare puts the top candidates side by side and takes up to four', async () => {
  const { page, consoleErrors, close } = await openApp({ path: '#compare' });
  try {
    await drawn(page, 'compare-chart');
    assert.equal(await page.locator('.chip').count(), 3);
    await page.selectOption('[data-testid="compare-add"]', 'KEN');
    await page.waitForSelector('[data-testid="compare-KEN"]');
    assert.equal(await page.locator('.chip').count(), 4);
    assert.equal(await page.locator('[data-testid="compare-add"]').count(), 0, 'no fifth market');
    const header = await page.textContent('[data-testid="compare-table"] thead');
    assert.ok(header.includes('Kenya'));
    const rows = await page.textContent('[data-testid="compare-table"] tbody');
    assert.ok(rows.includes('World rank') && rows.includes('Demand') && rows.includes('Internet users'));
    await screenshot(page, 'compare');
    await page.click('[data-testid="compare-KEN"] .chip-remove');
    await page.waitForFunction(() => document.querySelectorAll('.chip').length === 3);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

// The map's projection and fit (crates/charts/src/world_map.rs), to aim the mouse at a place.
function mapPoint(lon, lat, width, height) {
  const l = (lon * Math.PI) / 180; const p = (lat * Math.PI) / 180;
  const p2 = p * p; const p4 = p2 * p2;
  const x = l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
  const y = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
  const [x0, y0, x1, y1] = [-2.74, -1.05, 2.74, 1.43];
  const scale = Math.min(width / (x1 - x0), height / (y1 - y0));
  const left = (width - (x1 - x0) * scale) / 2; const top = (height - (y1 - y0) * scale) / 2;
  return { x: left + (x - x0) * scale, y: top + (y1 - y) * scale };
}

test('the map colours candidates, shows a tooltip on hover and opens a market on click', async () => {
  const { page, consoleErrors, requests, close } = await openApp({ path: '#map' });
  try {
    await drawn(page, 'map-chart');
    assert.ok(requests.some((u) => u.endsWith('data/geo/countries-50m.json')), 'the map loads its shapes');
    const ink = await inkedPixels(page, '[data-testid="map-chart"]');
    assert.ok(ink.inked > 20000, JSON.stringify(ink));
    const box = await page.locator('[data-testid="map-chart"]').boundingBox();
    const kenya = mapPoint(37.9, 0.5, box.width, box.height);
    await page.mouse.move(box.x + kenya.x, box.y + kenya.y);
    await page.waitForSelector('[data-testid="map-tooltip"]');
    assert.match(await page.textContent('[data-testid="map-tooltip"]'), /^Kenya · score \d+\.\d · candidate rank \d+$/);
    await screenshot(page, 'map');
    await page.mouse.click(box.x + kenya.x, box.y + kenya.y);
    await page.waitForFunction(() => /^#market(\?|$)/.test(location.hash));
    assert.equal(await page.textContent('[data-testid="market-name"]'), 'Kenya');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('margins: waterfall, assumptions validated as typed, goal seek, tornado and all markets', async () => {
  const { page, consoleErrors, close } = await openApp({ path: '#margins' });
  try {
    await page.waitForSelector('[data-testid="economics-table"] tbody tr');
    await page.locator('[data-testid="economics-table"] button.market-link', { hasText: /^Hong Kong$/ }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="margin-market"]')?.textContent === 'Margins in Hong Kong');
    await drawn(page, 'waterfall-chart');
    await drawn(page, 'payback-chart');
    await drawn(page, 'margin-tornado');
    const margin = async () => parseFloat(await page.textContent('[data-testid="kpi-margin"]'));
    // Two SKUs: the Pro has its own waterfall, and the market line blends both by unit mix.
    assert.match(await page.textContent('[data-testid="blended"]'), /^All SKUs by unit mix: US\$ [\d.]+ contribution per unit/);
    const standard = await margin();
    await page.selectOption('[data-testid="sku-picker"]', '1');
    await page.waitForFunction((old) => parseFloat(document.querySelector('[data-testid="kpi-margin"]').textContent) !== old, standard);
    assert.match(await page.inputValue('[data-testid="assumption-bom"]'), /^228$/);
    await page.selectOption('[data-testid="sku-picker"]', '0');
    await page.waitForFunction((old) => parseFloat(document.querySelector('[data-testid="kpi-margin"]').textContent) === old, standard);
    const before = await margin();
    assert.ok(before > 0 && before < 60, `margin ${before}`);
    await screenshot(page, 'margins');

    // Typed key by key, as a person would: the field keeps the focus and every keystroke counts.
    await page.click('[data-testid="assumption-price"]', { clickCount: 3 });
    await page.keyboard.type('2799');
    await page.waitForFunction((old) => parseFloat(document.querySelector('[data-testid="kpi-margin"]').textContent) > old, before);
    assert.equal(await page.inputValue('[data-testid="assumption-price"]'), '2799');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'assumption-price');
    const raised = await margin();
    await page.fill('[data-testid="assumption-marketing"]', '-5');
    await page.waitForSelector('.field-error');
    assert.match(await page.textContent('.field-error'), /Marketing per unit: must be 0 or more/);
    assert.equal(await margin(), raised, 'an invalid value is not applied');

    // Channel shares are applied once they sum to 100% again.
    await page.fill('[data-testid="assumption-channel-0-share"]', '50');
    await page.waitForSelector('[data-testid="draft-problems"]');
    assert.match(await page.textContent('[data-testid="draft-problems"]'), /shares summing to 110%; expected shares summing to 100%/);
    assert.equal(await margin(), raised, 'not applied while the shares do not add up');
    await page.fill('[data-testid="assumption-channel-1-share"]', '20');
    await page.waitForFunction(() => !document.querySelector('[data-testid="draft-problems"]'));
    assert.notEqual(await margin(), raised, 'applied once they do');

    // The exchange rate is an assumption too.
    const beforeFx = await margin();
    await page.fill('[data-testid="assumption-fx"]', '0.14');
    await page.waitForFunction((old) => parseFloat(document.querySelector('[data-testid="kpi-margin"]').textContent) !== old, beforeFx);
    await drawn(page, 'margin-curve');

    await page.fill('[data-testid="goal-target"]', '25');
    assert.match(await page.textContent('[data-testid="goal-result"]'), /^25% needs a retail price of HKD \d+ \(US\$ [\d.]+\), or at today's price a bill of materials of at most US\$ [\d.]+\.$/);
    await page.locator('[data-testid="payback-chart"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'margins-payback');
    const rows = await page.locator('[data-testid="economics-table"] tbody tr').count();
    assert.ok(rows > 50, `markets with economics: ${rows}`);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('the opportunity matrix draws readiness against margin for the candidates', async () => {
  const { page, consoleErrors, close } = await openApp({ path: '#opportunity' });
  try {
    await drawn(page, 'matrix-chart');
    const ink = await inkedPixels(page, '[data-testid="matrix-chart"]');
    assert.ok(ink.inked > 10000, JSON.stringify(ink));
    assert.match(await page.getAttribute('[data-testid="matrix-chart"]', 'aria-label'), /Opportunity matrix of \d+ markets.*Ready and profitable/);
    await screenshot(page, 'opportunity');

    // Click Hong Kong's bubble: the margins of Hong Kong open.
    const bubbles = await page.getAttribute('.matrix-frame', 'data-bubbles');
    const hk = bubbles.split(' ').map((b) => b.split(':')).find(([code]) => code === 'HKG');
    assert.ok(hk, bubbles.slice(0, 200));
    const box = await page.locator('[data-testid="matrix-chart"]').boundingBox();
    await page.mouse.click(box.x + Number(hk[1]), box.y + Number(hk[2]));
    await page.waitForFunction(() => /^#margins(\?|$)/.test(location.hash));
    await page.waitForFunction(() => document.querySelector('[data-testid="margin-market"]')?.textContent === 'Margins in Hong Kong');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
