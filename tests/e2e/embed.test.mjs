import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { BASE_URL, openApp, screenshot, foreignRequests } from './browser.mjs';

const DRAWN = (id) => `[data-testid="${id}"][data-draws]:not([data-draws="0"])`;

async function embedSnippet(path, source) {
  const { page, consoleErrors, close } = await openApp({ path });
  try {
    await page.waitForSelector(DRAWN('waterfall-chart'), { timeout: 30000 });
    await page.click('[data-testid="embed"]');
    if (source) await page.check(`[data-testid="embed-${source}"]`);
    await screenshot(page, `embed-snippet-${source ?? 'default'}`);
    assert.deepEqual(consoleErrors, []);
    return await page.inputValue('[data-testid="embed-code"]');
  } finally {
    await close();
  }
}

/** A wiki on another origin: its own server on another port, serving `body` as its one page.
 * A real server, not a routed request, because Chromium checks that a frame on a loopback
 * address is embedded by a page that also came from one. */
async function wikiServer(body) {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/wiki.html`;
  return { url, stop: () => new Promise((resolve) => server.close(resolve)) };
}

test('the default snippet loads the hosted build in a frame on another origin', async () => {
  const code = await embedSnippet('#margins?m=TWN');
  const src = `${BASE_URL}#margins?m=TWN&amp;embed=1`;
  assert.ok(code.startsWith(`<iframe src="${src}" `), code);
  assert.match(code, / sandbox="allow-scripts allow-same-origin allow-downloads" /);
  const wiki = await wikiServer(`<!doctype html><meta charset="utf-8"><title>Team wiki</title><body style="margin:2rem;font-family:sans-serif"><h1>Launch review</h1><div style="display:flex;gap:1rem">${code}${code.replace('margins?m=TWN', 'ranking?m=HKG')}</div></body>`);
  assert.notEqual(new URL(wiki.url).origin, new URL(BASE_URL).origin);
  const { page, consoleErrors, requests, close } = await openApp({ path: 'about:blank' });
  try {
    await page.goto(wiki.url);
    const frames = page.frameLocator('iframe');
    await frames.first().locator(DRAWN('waterfall-chart')).waitFor({ timeout: 30000 });
    await frames.nth(1).locator(DRAWN('ranking-chart')).waitFor({ timeout: 30000 });
    assert.match(await frames.first().locator('[data-testid="margin-market"]').textContent(), /Taiwan/);
    for (const chrome of ['header.top', 'nav.tabs', 'footer.bottom']) {
      assert.equal(await frames.first().locator(chrome).isVisible(), false, `${chrome} is hidden`);
    }
    // The frame has its own origin, so it cannot reach into the wiki's page.
    const inner = page.frames().find((f) => f !== page.mainFrame());
    const reach = await inner.evaluate(() => { try { return window.parent.document.title; } catch { return 'refused'; } });
    assert.equal(reach, 'refused');
    await screenshot(page, 'embed-hosted-in-wiki');
    // The two embeds load the app from the hosted build only, never the 4 MB single file.
    const app = requests.filter((u) => u.startsWith(BASE_URL));
    assert.ok(app.some((u) => u.endsWith('.wasm')), 'the wasm is fetched');
    assert.ok(!app.some((u) => u.includes('beachhead.html')), 'not the single file');
    assert.deepEqual(foreignRequests(requests).filter((u) => u !== wiki.url), []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
    await wiki.stop();
  }
});

test('the single-file snippet runs in a frame sandboxed to scripts only, with no storage', async () => {
  const code = await embedSnippet('#margins?m=TWN', 'single-file');
  const src = `${BASE_URL}beachhead.html#margins?m=TWN&amp;embed=1`;
  assert.ok(code.startsWith(`<iframe src="${src}" `), code);
  assert.match(code, / sandbox="allow-scripts allow-downloads" /);
  // A fresh browser for the wiki page: the app's service worker would answer its requests
  // before the test's stand-in host could.
  const { page, consoleErrors, requests, close } = await openApp({ path: 'about:blank' });
  try {

    // A wiki page holding the snippet, sandboxed as strictly as the issue asks: scripts only.
    const strict = code.replace('sandbox="allow-scripts allow-downloads"', 'sandbox="allow-scripts"');
    const host = `${BASE_URL}embed-host.html`;
    await page.route(host, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><meta charset="utf-8"><title>Team wiki</title><body style="margin:2rem;font-family:sans-serif"><h1>Launch review</h1><p>Taiwan's margins, live:</p>${strict}</body>`,
    }));
    await page.goto(host);
    const frame = page.frameLocator('iframe');
    await frame.locator(DRAWN('waterfall-chart')).waitFor({ timeout: 30000 });
    // One view, no chrome.
    for (const chrome of ['header.top', 'nav.tabs', '[data-testid="scenarios"]', 'footer.bottom']) {
      assert.equal(await frame.locator(chrome).isVisible(), false, `${chrome} is hidden`);
    }
    assert.ok(await frame.locator('[data-testid="embed-credit"]').isVisible());
    assert.match(await frame.locator('[data-testid="margin-market"]').textContent(), /Taiwan/);
    // Fits its frame: nothing wider than the iframe.
    const inner = page.frames().find((f) => f !== page.mainFrame());
    const { scrollWidth, clientWidth, storage } = await inner.evaluate(() => {
      let storage = 'available';
      try { window.localStorage.getItem('x'); } catch { storage = 'refused'; }
      return { scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth, storage };
    });
    assert.equal(storage, 'refused', 'a sandboxed frame has no storage');
    assert.ok(scrollWidth <= clientWidth, `content ${scrollWidth}px fits the ${clientWidth}px frame`);
    const canvas = await frame.locator('[data-testid="waterfall-chart"]').elementHandle();
    assert.ok((await canvas.evaluate((c) => c.getBoundingClientRect().width)) <= clientWidth);
    await screenshot(page, 'embed-in-wiki');
    assert.deepEqual(foreignRequests(requests), []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('an embedded single file, sandboxed to scripts only, runs the Monte Carlo on workers', async () => {
  const { page, consoleErrors, requests, close } = await openApp({ path: 'about:blank' });
  try {
    const host = `${BASE_URL}embed-host.html`;
    await page.route(host, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><meta charset="utf-8"><title>Team wiki</title><body><iframe src="${BASE_URL}beachhead.html#uncertainty?embed=1" sandbox="allow-scripts" width="900" height="700"></iframe></body>`,
    }));
    await page.goto(host);
    const frame = page.frameLocator('iframe');
    await frame.locator('[data-testid="mc-done"]').waitFor({ timeout: 60000 });
    assert.ok(Number(await frame.locator('[data-testid="mc-done"]').getAttribute('data-workers')) >= 1, 'run on background workers');
    assert.deepEqual(foreignRequests(requests), []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('an embedded view on a phone-width frame still draws and fits', async () => {
  const { page, consoleErrors, close } = await openApp({ path: 'about:blank' });
  try {
    const host = `${BASE_URL}embed-phone.html`;
    await page.route(host, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><body style="margin:0"><iframe src="${BASE_URL}beachhead.html#ranking?embed=1" sandbox="allow-scripts" width="360" height="640" style="border:0"></iframe></body>`,
    }));
    await page.goto(host);
    const frame = page.frameLocator('iframe');
    await frame.locator(DRAWN('ranking-chart')).waitFor({ timeout: 30000 });
    const inner = page.frames().find((f) => f !== page.mainFrame());
    const inked = await inner.evaluate(() => {
      const c = document.querySelector('[data-testid="ranking-chart"]');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240) n++;
      return { n, width: c.getBoundingClientRect().width };
    });
    assert.ok(inked.n > 5000, `the chart is drawn (${inked.n} inked pixels)`);
    assert.ok(inked.width <= 360, `the chart fits the frame (${inked.width}px)`);
    await screenshot(page, 'embed-phone');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
