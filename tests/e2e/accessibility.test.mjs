import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { openApp } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const VIEWS = ['ranking', 'map', 'market', 'compare', 'uncertainty', 'margins', 'opportunity', 'test-markets', 'demand', 'gates', 'memo', 'data'];

// axe-core is injected as a script, which the app's CSP rightly refuses: this one test bypasses
// the CSP so the auditor can run (the CSP itself is tested in security.test.mjs).
test('every view passes axe-core\'s WCAG 2 A and AA rules, contrast included, in both languages', async () => {
  const { page, consoleErrors, close } = await openApp({ bypassCSP: true });
  try {
    await page.waitForSelector('[data-testid="ranking-chart"][data-draws]:not([data-draws="0"])', { timeout: 30000 });
    await page.addScriptTag({ path: AXE });
    const failures = [];
    for (const lang of ['en', 'zh-Hans']) {
      await page.selectOption('[data-testid="language"]', lang);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      for (const view of VIEWS) {
        await page.click(`[data-testid="tab-${view}"]`);
        await page.waitForTimeout(150);
        const result = await page.evaluate(async () => {
          const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} ${n.failureSummary.split('\n').slice(1, 2).join('')}`).join('\n      ')}`);
        });
        for (const v of result) failures.push(`${lang} #${view}: ${v}`);
      }
    }
    assert.deepEqual(failures, [], failures.join('\n'));
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('every chart has a text summary for screen readers and a data table beside it', async () => {
  const { page, close } = await openApp();
  try {
    await page.waitForSelector('[data-testid="ranking-chart"][data-draws]:not([data-draws="0"])', { timeout: 30000 });
    const missing = [];
    for (const view of VIEWS) {
      await page.click(`[data-testid="tab-${view}"]`);
      await page.waitForTimeout(150);
      const charts = await page.$$eval('main > div:not([hidden]) canvas', (canvases) => canvases.map((c) => {
        const figure = c.closest('.card');
        return {
          id: c.getAttribute('data-testid'),
          role: c.getAttribute('role'),
          label: c.getAttribute('aria-label') ?? '',
          table: Boolean(figure && figure.querySelector('table')),
        };
      }));
      for (const chart of charts) {
        if (chart.role !== 'img' || chart.label.length < 20) missing.push(`${view} ${chart.id}: summary "${chart.label}"`);
        if (!chart.table) missing.push(`${view} ${chart.id}: no data table`);
      }
    }
    assert.deepEqual(missing, []);
  } finally {
    await close();
  }
});
