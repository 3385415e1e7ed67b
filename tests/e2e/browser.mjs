// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core (never a
// downloaded browser), a fresh profile per test, and a record of console errors and of every
// request, so tests can assert the app stays on its own origin.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080/';
export const OUT_DIR = process.env.E2E_OUT ?? 'target/e2e';

// Without the background-networking flags Chromium floods this closed network with requests.
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Service workers are blocked unless a test asks for one: requests a worker answers never reach
// the test's routes, which stand in for missing or broken files.
// `initScript` runs in the page before the app on every load (see Playwright's addInitScript).
export async function openApp({ viewport = { width: 1280, height: 720 }, deviceScaleFactor = 1, path = '', serviceWorkers = 'block', bypassCSP = false, initScript } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'beachhead-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport,
    deviceScaleFactor,
    serviceWorkers,
    bypassCSP,
  });
  if (initScript) await context.addInitScript(initScript);
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(new URL(path, BASE_URL).href);
  const close = async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); };
  return { page, consoleErrors, requests, close };
}

export function foreignRequests(requests) {
  const own = new URL(BASE_URL).origin;
  return requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== own);
}

export async function screenshot(page, name) {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Non-background pixels on the canvas: a drawn chart has thousands, a blank one none. */
export async function inkedPixels(page, selector) {
  return page.$eval(selector, (canvas) => {
    const { width, height } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) inked++;
    }
    return { inked, width, height };
  });
}
