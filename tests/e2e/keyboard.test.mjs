import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot } from './browser.mjs';

const DRAWN = (id) => `[data-testid="${id}"][data-draws]:not([data-draws="0"])`;
const VIEWS = ['ranking', 'map', 'market', 'compare', 'uncertainty', 'margins', 'opportunity', 'test-markets', 'demand', 'gates', 'memo', 'data'];

/** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
async function tabTo(page, selector, limit = 400) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`${selector} was not reached with ${limit} presses of Tab`);
}

const active = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return { testid: e?.getAttribute('data-testid'), id: e?.id, tag: e?.tagName, outline: getComputedStyle(e).outlineStyle };
});

test('keyboard only: skip link, tabs by arrow keys, a weight, a market, an export and the presentation', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await page.waitForSelector(DRAWN('ranking-chart'), { timeout: 30000 });
    await page.keyboard.press('Tab');
    assert.equal((await active(page)).tag, 'A', 'the skip link comes first');
    assert.ok(await page.isVisible('.skip-link'), 'and shows when focused');
    await page.keyboard.press('Enter');
    assert.equal((await active(page)).id, 'main');

    // The tabs are one Tab stop; the arrow keys move between views.
    await page.keyboard.press('Shift+Tab');
    await tabTo(page, '[role="tab"][aria-selected="true"]');
    await page.keyboard.press('ArrowRight');
    assert.equal((await active(page)).testid, 'tab-map');
    assert.equal(await page.getAttribute('[data-testid="tab-map"]', 'aria-selected'), 'true');
    await page.waitForSelector(DRAWN('map-chart'));
    assert.match(page.url(), /#map/);
    assert.notEqual((await active(page)).outline, 'none', 'the focus is visible');
    await page.keyboard.press('End');
    assert.equal((await active(page)).testid, 'tab-data');
    await page.keyboard.press('Home');
    assert.equal((await active(page)).testid, 'tab-ranking');

    // A weight moved with the arrow keys re-ranks the markets.
    const before = await page.getAttribute('[data-testid="ranking-chart"]', 'aria-label');
    await tabTo(page, 'input[type="range"][data-testid="weight-demand"]');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((old) => document.querySelector('[data-testid="ranking-chart"]').getAttribute('aria-label') !== old, before);
    await page.waitForFunction(() => /w=demand/.test(location.hash));

    // A market opened from the ranking table.
    await tabTo(page, '.market-link');
    const name = await page.evaluate(() => document.activeElement.textContent);
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('[data-testid="tab-market"]', 'aria-selected'), 'true');
    await page.waitForSelector(DRAWN('profile-chart'));
    assert.ok((await page.textContent('main > div:not([hidden]) h2')).includes(name.trim()));

    // A table saved as CSV: open its fold with Enter, then the button.
    await tabTo(page, 'main > div:not([hidden]) details.chart-data > summary');
    await page.keyboard.press('Enter');
    await tabTo(page, 'main > div:not([hidden]) [data-testid$="-csv"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(download.suggestedFilename(), /\.csv$/);

    // The presentation: started, stepped and ended from the keyboard.
    await tabTo(page, '[data-testid="present"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="presentation-bar"]');
    await page.keyboard.press('ArrowRight');
    assert.match(await page.textContent('[data-testid="presentation-title"]'), /Where we can win/);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="presentation-bar"]', { state: 'detached' });
    await screenshot(page, 'keyboard');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('keyboard only: every control of every view can be reached with Tab', async () => {
  const { page, close } = await openApp();
  try {
    await page.waitForSelector(DRAWN('ranking-chart'), { timeout: 30000 });
    const unreached = [];
    for (const view of VIEWS) {
      await page.click(`[data-testid="tab-${view}"]`);
      await page.waitForTimeout(200);
      // Number every visible control of the open view, then Tab round the page once.
      const count = await page.evaluate(() => {
        const panel = document.querySelector('main [role="tabpanel"]:not([hidden])');
        const controls = [...panel.querySelectorAll('button, input, select, textarea, a[href], summary, [tabindex="0"]')]
          .filter((e) => !(e.type === 'radio' && !e.checked)) // a radio group is one stop; arrows pick within it
          .filter((e) => !e.disabled && e.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true, opacityProperty: false }));
        controls.forEach((e, i) => e.setAttribute('data-kb', String(i)));
        return controls.length;
      });
      const reached = new Set();
      await page.focus(`[data-testid="tab-${view}"]`);
      for (let i = 0; i < 4000 && reached.size < count; i++) {
        await page.keyboard.press('Tab');
        const kb = await page.evaluate(() => {
          // A visually hidden file input is reached through its label's focus ring.
          const e = document.activeElement;
          return e?.getAttribute('data-kb') ?? e?.closest('[data-kb]')?.getAttribute('data-kb') ?? null;
        });
        if (kb !== null) reached.add(kb);
        if (await page.evaluate(() => document.activeElement === document.body)) break;
      }
      const missed = await page.evaluate((got) => [...document.querySelectorAll('[data-kb]')]
        .filter((e) => !got.includes(e.getAttribute('data-kb')))
        .map((e) => `${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''} "${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30)}"`), [...reached]);
      for (const m of missed) unreached.push(`${view}: ${m}`);
      await page.evaluate(() => document.querySelectorAll('[data-kb]').forEach((e) => e.removeAttribute('data-kb')));
    }
    assert.deepEqual(unreached, []);
  } finally {
    await close();
  }
});
