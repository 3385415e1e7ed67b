import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, foreignRequests, screenshot } from './browser.mjs';

const drawn = (page, id) => page.waitForSelector(`[data-testid="${id}"][data-draws]:not([data-draws="0"])`, { timeout: 30000 });
const hash = (page) => page.evaluate(() => location.hash);

test('a link reproduces the view exactly: weights, filters, market, assumptions and gates', async () => {
  const first = await openApp();
  let link;
  let expected;
  try {
    const { page } = first;
    await drawn(page, 'ranking-chart');
    await page.locator('[data-testid="weight-demand"]').fill('5');
    await page.selectOption('[data-testid="filter-region"]', 'Asia');
    await page.waitForFunction(() => /w=demand%3A5/.test(location.hash) && /r=Asia/.test(location.hash));
    const ranking = await page.getAttribute('[data-testid="ranking-chart"]', 'aria-label');

    await page.click('[data-testid="tab-margins"]');
    await page.locator('[data-testid="economics-table"] button.market-link', { hasText: /^Hong Kong$/ }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="margin-market"]')?.textContent === 'Margins in Hong Kong');
    await page.fill('[data-testid="assumption-price"]', '2799');
    await page.waitForFunction(() => /a=/.test(location.hash) && /m=HKG/.test(location.hash));
    const margin = await page.textContent('[data-testid="kpi-margin"]');

    await page.click('[data-testid="tab-gates"]');
    await page.fill('[data-testid="gate-return_rate_pct"]', '1');
    await page.waitForFunction(() => /gt=/.test(location.hash));
    link = page.url();
    assert.ok(link.length < 600, `the link stays compact: ${link.length} characters: ${link}`);
    expected = { ranking, margin, decision: await page.textContent('[data-testid="detail-decision"]') };
  } finally {
    await first.close();
  }

  const second = await openApp({ path: new URL(link).hash });
  try {
    const { page, consoleErrors, requests } = second;
    await page.waitForSelector('[data-testid="detail-decision"]');
    assert.equal(await page.getAttribute('[data-testid="tab-gates"]', 'aria-selected'), 'true');
    assert.equal(await page.textContent('[data-testid="detail-decision"]'), expected.decision);
    assert.equal(await page.inputValue('[data-testid="gate-return_rate_pct"]'), '1');
    await page.click('[data-testid="tab-margins"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="margin-market"]')?.textContent === 'Margins in Hong Kong');
    assert.equal(await page.inputValue('[data-testid="assumption-price"]'), '2799');
    assert.equal(await page.textContent('[data-testid="kpi-margin"]'), expected.margin);
    await page.click('[data-testid="tab-ranking"]');
    await drawn(page, 'ranking-chart');
    assert.equal(await page.inputValue('[data-testid="filter-region"]'), 'Asia');
    assert.equal(await page.inputValue('[data-testid="weight-demand"]'), '5');
    assert.equal(await page.getAttribute('[data-testid="ranking-chart"]', 'aria-label'), expected.ranking);
    assert.ok(!(await page.isVisible('[data-testid="link-notice"]')));
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests(requests), []);
  } finally {
    await second.close();
  }
});

test('back and forward move between views', async () => {
  const { page, consoleErrors, close } = await openApp();
  try {
    await drawn(page, 'ranking-chart');
    await page.click('[data-testid="tab-map"]');
    await page.click('[data-testid="tab-test-markets"]');
    await page.click('[data-testid="tab-memo"]');
    assert.match(await hash(page), /^#memo/);
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('[data-testid="tab-test-markets"]').getAttribute('aria-selected') === 'true');
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('[data-testid="tab-map"]').getAttribute('aria-selected') === 'true');
    await page.goForward();
    await page.waitForFunction(() => document.querySelector('[data-testid="tab-test-markets"]').getAttribute('aria-selected') === 'true');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('an outdated or broken link shows a notice and falls back for the bad parts only', async () => {
  const { page, consoleErrors, close } = await openApp({ path: '#gates?w=demand:lots&w=digital:40&m=XXX&zz=1&gt=rating:4.5' });
  try {
    await page.waitForSelector('[data-testid="link-notice"]');
    const notice = await page.textContent('[data-testid="link-notice"]');
    assert.match(notice, /"w=demand:lots" was left out/);
    assert.match(notice, /market "XXX" is not in the data/);
    assert.match(notice, /"zz" is not something this version of Beachhead reads/);
    assert.equal(await page.getAttribute('[data-testid="tab-gates"]', 'aria-selected'), 'true');
    assert.equal(await page.inputValue('[data-testid="gate-rating"]'), '4.5', 'the good parts apply');
    assert.equal(await page.locator('[data-testid="gate-return_rate_pct"]').count(), 0, 'the link gave one gate');
    await screenshot(page, 'link-notice');
    // The URL is cleaned to what was applied, once the state rests (the write waits 150 ms).
    await page.waitForFunction(() => /w=digital%3A40/.test(location.hash));
    const cleaned = await hash(page);
    assert.ok(!/lots|XXX|zz/.test(cleaned), cleaned);
    assert.match(cleaned, /w=digital%3A40/);
    await page.click('text=Dismiss');
    assert.ok(!(await page.isVisible('[data-testid="link-notice"]')));

    await page.goto(new URL('#nowhere', page.url()).href);
    await page.waitForFunction(() => /no view named "nowhere"/.test(document.querySelector('[data-testid="link-notice"]')?.textContent ?? ''));
    assert.equal(await page.getAttribute('[data-testid="tab-ranking"]', 'aria-selected'), 'true');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
