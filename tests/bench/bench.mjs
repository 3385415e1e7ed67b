// The browser half of `cargo xtask bench`: Debian's Chromium driven by playwright-core against
// the release build. Prints one line, `BENCH {json}`, for xtask to read. Not a test: it measures.
//
// BASE_URL serves the release build with the bundled data; BASE_URL + "scale/" the same build
// with the synthetic 250 markets × 40 indicators; BASE_URL + "bench/" the 100 MB sell-through
// file (weekly.csv) and PapaParse.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BASE_URL = process.env.BASE_URL;
const SITE_DIR = process.env.SITE_DIR;
const MARKETS = 250;
const INDICATORS = 40;
const SEED = 7;
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const DRAWN = '[data-testid="ranking-chart"][data-draws]:not([data-draws="0"])';

async function browser(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'beachhead-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 720 },
    serviceWorkers: 'block',
    ...options,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); };
  return { page, close };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const percentile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };

// Records when the ranking chart first draws, from the navigation's start.
const FIRST_CHART = () => {
  new MutationObserver((_, observer) => {
    const chart = document.querySelector('[data-testid="ranking-chart"]');
    if (chart && chart.getAttribute('data-draws') && chart.getAttribute('data-draws') !== '0') {
      window.__firstChart = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-draws'] });
};

/** The gzip bytes of the app's own files a page asked for, as they are on disk. */
function gzipBytes(paths) {
  let total = 0;
  let wasm = 0;
  for (const p of paths) {
    const file = join(SITE_DIR, decodeURIComponent(p === '/' ? '/index.html' : p));
    if (!existsSync(file)) continue;
    const bytes = gzipSync(readFileSync(file), { level: 9 }).length;
    total += bytes;
    if (p.endsWith('.wasm')) wasm += bytes;
  }
  return { total, wasm };
}

/** Opens `path` in a fresh browser until the ranking chart or `drawn` is drawn; the app's files it asked for. */
async function visit(path, drawn = DRAWN) {
  const { page, close } = await browser();
  const paths = new Set();
  page.on('request', (r) => { const u = new URL(r.url()); if (u.origin === new URL(BASE_URL).origin) paths.add(u.pathname); });
  await page.addInitScript(FIRST_CHART);
  await page.goto(BASE_URL + path);
  await page.waitForSelector(drawn, { timeout: 60000 });
  return { page, close, paths };
}

/** Cold navigations to the first chart, what the first view downloaded, and what the Embed button's default (hosted) snippet downloads. */
async function startup() {
  const times = [];
  let firstView = { total: 0, wasm: 0 };
  for (let i = 0; i < 5; i++) {
    const { page, close, paths } = await visit('');
    await page.waitForFunction(() => window.__firstChart !== undefined);
    times.push(await page.evaluate(() => window.__firstChart));
    if (i === 0) firstView = gzipBytes(paths);
    await close();
  }
  // An embedded view: the same hosted build with `embed=1`, as the default snippet loads it.
  const embedded = await visit('#margins?m=TWN&embed=1', '[data-testid="waterfall-chart"][data-draws]:not([data-draws="0"])');
  const embed = gzipBytes(embedded.paths);
  await embedded.close();
  return {
    startup_ms: median(times),
    startup_runs_ms: times,
    first_view_gz_kb: firstView.total / 1024,
    wasm_gz_kb: firstView.wasm / 1024,
    embed_gz_kb: embed.total / 1024,
  };
}

/** A weight moved 100 times at 250 × 40: time until every visible chart has redrawn. */
async function redraw() {
  const { page, close } = await browser();
  try {
    // The synthetic indicators are illustrative (with the switch off nothing would weigh), and
    // the synthetic markets have no population for the default floor to keep.
    await page.goto(`${BASE_URL}scale/#ranking?il=1&p=0`);
    await page.waitForSelector(DRAWN, { timeout: 60000 });
    const times = await page.evaluate(async () => {
      const slider = document.querySelector('input[type="range"][data-testid^="weight-"]');
      const visibleCharts = () => [...document.querySelectorAll('canvas[data-draws]')].filter((c) => c.getClientRects().length > 0);
      const out = [];
      for (let i = 0; i < 100; i++) {
        const charts = visibleCharts();
        const before = charts.map((c) => c.getAttribute('data-draws'));
        const done = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (charts.every((c, k) => c.getAttribute('data-draws') !== before[k])) { observer.disconnect(); resolve(performance.now()); }
          });
          charts.forEach((c) => observer.observe(c, { attributes: true, attributeFilter: ['data-draws'] }));
        });
        const start = performance.now();
        // Always a different value, or nothing would change.
        slider.value = slider.value === '20' ? '30' : '20';
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        out.push((await done) - start);
        await new Promise((r) => requestAnimationFrame(() => r()));
      }
      return out;
    });
    return { redraw_p95_ms: percentile(times, 0.95), redraw_median_ms: median(times) };
  } finally {
    await close();
  }
}

/** The engine's Monte Carlo and the loader, timed inside the page; PapaParse on the same file. */
async function compute() {
  const { page, close } = await browser({ bypassCSP: true });
  try {
    await page.goto(BASE_URL);
    await page.waitForSelector(DRAWN, { timeout: 60000 });
    const mc = [];
    for (let i = 0; i < 3; i++) {
      mc.push(await page.evaluate(([m, k, s]) => window.wasmBindings.bench_monte_carlo(m, k, 10000, s), [MARKETS, INDICATORS, SEED]));
    }
    // As the app runs them, on its background workers; the first run also compiles the
    // worker's wasm, as a user's first run does.
    const app = [];
    let workers = 0;
    for (let i = 0; i < 3; i++) {
      const [ms, count] = await page.evaluate(([m, k, s]) => window.wasmBindings.bench_monte_carlo_workers(m, k, 10000, s), [MARKETS, INDICATORS, SEED]);
      app.push(ms);
      workers = count;
    }
    await page.addScriptTag({ url: `${BASE_URL}bench/papaparse.min.js` });
    const csv = await page.evaluate(async ([m, k, s]) => {
      const buffer = await (await fetch('bench/weekly.csv')).arrayBuffer();
      const mb = buffer.byteLength / 1e6;
      const wasm = [];
      for (let i = 0; i < 2; i++) wasm.push(window.wasmBindings.bench_ingest(new Uint8Array(buffer), m, k, s));
      const text = new TextDecoder().decode(buffer);
      const papa = [];
      for (let i = 0; i < 2; i++) {
        const start = performance.now();
        const result = window.Papa.parse(text, { header: true, dynamicTyping: true, skipEmptyLines: true });
        papa.push(performance.now() - start);
        if (result.errors.length > 0) throw new Error(`PapaParse: ${result.errors[0].message}`);
      }
      const best = (xs) => Math.min(...xs);
      return { mb, wasm_ms: best(wasm), papa_ms: best(papa) };
    }, [MARKETS, INDICATORS, SEED]);
    return {
      mc_10k_ms_wasm: median(mc),
      mc_10k_ms_app: median(app),
      mc_workers: workers,
      mc_10k_ms_app_first: app[0],
      csv_mb: csv.mb,
      csv_mb_s_wasm: csv.mb / (csv.wasm_ms / 1000),
      csv_mb_s_papaparse: csv.mb / (csv.papa_ms / 1000),
    };
  } finally {
    await close();
  }
}

/**
 * The longest main-thread task while the app's own Monte Carlo (10,000 draws at 250 × 40) and
 * the ingest of the 100 MB file run, from a heartbeat that can only beat between tasks.
 */
async function responsiveness() {
  const { page, close } = await browser();
  try {
    await page.goto(`${BASE_URL}scale/#uncertainty?il=1&p=0`);
    await page.waitForSelector('[data-testid="tab-uncertainty"][aria-selected="true"]', { timeout: 60000 });
    const heartbeat = () => page.evaluate(() => {
      window.__gaps = [];
      let last = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const now = performance.now();
        window.__gaps.push(now - last);
        last = now;
        if (!window.__stop) channel.port2.postMessage(0);
      };
      window.__stop = false;
      channel.port2.postMessage(0);
    });
    const stop = () => page.evaluate(() => { window.__stop = true; return Math.max(0, ...window.__gaps); });
    // The Monte Carlo, as a user runs it.
    await page.waitForSelector('[data-testid="mc-table"]', { timeout: 120000 });
    await page.selectOption('[data-testid="mc-draws"]', '10000');
    await heartbeat();
    await page.click('[data-testid="mc-run"]');
    await page.waitForSelector('[data-testid="mc-progress"]', { timeout: 10000 });
    await page.waitForSelector('[data-testid="mc-progress"]', { state: 'detached', timeout: 300000 });
    const mcLongest = await stop();
    // The ingest, as a user loads the file.
    await page.click('[data-testid="tab-test-markets"]');
    await heartbeat();
    await page.locator('[data-testid="tracker-file"]').setInputFiles(join(SITE_DIR, 'bench', 'weekly.csv'));
    await page.waitForSelector('[data-testid="tracker-report"]', { timeout: 600000 });
    const ingestLongest = await stop();
    const ingestReport = await page.textContent('[data-testid="tracker-report"]');
    const memory = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize / 1e6 : null));
    const wasmMemory = await page.evaluate(() => window.wasmBindings.bench_wasm_memory_mb?.() ?? null);
    return { longest_task_ms: Math.max(mcLongest, ingestLongest), longest_task_mc_ms: mcLongest, longest_task_ingest_ms: ingestLongest, js_heap_mb_after: memory, wasm_memory_mb_after: wasmMemory, ingest_report: ingestReport.slice(0, 200) };
  } finally {
    await close();
  }
}

const stages = { startup, redraw, compute, responsiveness };
const only = process.env.BENCH_STAGES?.split(',');
const report = {};
for (const [name, stage] of Object.entries(stages).filter(([n]) => !only || only.includes(n))) {
  const started = Date.now();
  Object.assign(report, await stage());
  console.error(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
console.log(`BENCH ${JSON.stringify(report)}`);
