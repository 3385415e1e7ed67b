import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot } from './browser.mjs';

const selected = (page) => page.locator('nav.tabs [aria-selected="true"]').getAttribute('data-testid');

test('presentation mode tells the story with the arrow keys, in large type, and Esc ends it', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await page.waitForSelector('[data-testid="ranking-chart"][data-draws]:not([data-draws="0"])');
    await page.click('[data-testid="present"]');
    await page.waitForSelector('[data-testid="presentation-bar"]');
    const expected = [
      ['tab-demand', 'Where demand is'],
      ['tab-ranking', 'Where we can win'],
      ['tab-opportunity', 'Whether we can make money'],
      ['tab-test-markets', 'What the test markets say'],
      ['tab-gates', 'The decision'],
    ];
    for (const [i, [tab, title]] of expected.entries()) {
      if (i > 0) await page.keyboard.press('ArrowRight');
      await page.waitForFunction((t) => document.querySelector('[data-testid="presentation-title"]')?.textContent === t, title);
      assert.equal(await selected(page), tab);
      assert.ok(!(await page.isVisible('nav.tabs')), 'no app chrome');
      await page.waitForTimeout(300);
      await screenshot(page, `present-${i + 1}`);
    }
    assert.match(await page.textContent('[data-testid="presentation-bar"]'), /Go: Hong Kong, Taiwan\./);
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.textContent('[data-testid="presentation-title"]'), 'The decision', 'the story ends at the decision');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.querySelector('[data-testid="presentation-title"]')?.textContent === 'What the test markets say');
    const body = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main')).fontSize));
    assert.ok(body >= 19, `large type: ${body}px`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="presentation-bar"]', { state: 'detached' });
    assert.ok(await page.isVisible('nav.tabs'));
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
