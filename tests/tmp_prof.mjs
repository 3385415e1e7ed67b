// Profiling helper (not committed): opens URL, runs ACTION, prints the longest busy stretches
// of the main thread from a CPU profile, with the functions that ran in each.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, action = 'mc'] = process.argv.slice(2);
const profileDir = mkdtempSync(join(tmpdir(), 'prof-'));
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu'], viewport: { width: 1280, height: 720 }, serviceWorkers: 'block',
});
const page = context.pages()[0] ?? (await context.newPage());
page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()); });
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
if (action !== 'startup') await page.goto(url);
async function gaps(run) {
  await page.evaluate(() => {
    window.__gaps = []; let last = performance.now(); const ch = new MessageChannel();
    ch.port1.onmessage = () => { const now = performance.now(); window.__gaps.push(now - last); last = now; if (!window.__stop) ch.port2.postMessage(0); };
    window.__stop = false; ch.port2.postMessage(0);
  });
  await run();
  return page.evaluate(() => { window.__stop = true; const g = [...window.__gaps].sort((a, b) => b - a); return g.slice(0, 8).map((x) => x.toFixed(1)); });
}
let result;
if (action === 'startup') {
  await cdp.send('Profiler.start'); await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,v8,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector('[data-testid="ranking-chart"][data-draws]:not([data-draws="0"])', { timeout: 60000 });
  result = { ms: Date.now() - t0, marks: await page.evaluate(() => performance.getEntriesByType('resource').map((r) => `${r.name.split('/').pop()} ${r.responseEnd.toFixed(0)}`)) };
} else if (action === 'mc') {
  await page.waitForSelector('[data-testid="mc-table"]', { timeout: 120000 });
  await page.selectOption('[data-testid="mc-draws"]', '10000');
  await cdp.send('Profiler.start'); await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,v8,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
  result = await gaps(async () => {
    await page.click('[data-testid="mc-run"]');
    await page.waitForSelector('[data-testid="mc-progress"]', { timeout: 10000 });
    await page.waitForSelector('[data-testid="mc-progress"]', { state: 'detached', timeout: 300000 });
  });
} else if (action === 'ingest') {
  await page.waitForSelector('[data-testid="mc-table"]', { timeout: 120000 });
  await page.click('[data-testid="tab-test-markets"]');
  await page.waitForTimeout(1000);
  await cdp.send('Profiler.start'); await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,v8,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
  result = await gaps(async () => {
    await page.locator('[data-testid="tracker-file"]').setInputFiles(process.env.FILE);
    await page.waitForSelector('[data-testid="tracker-report"]', { timeout: 600000 });
    await page.waitForTimeout(500);
  });
} else if (action === 'redraw') {
  await page.waitForSelector('[data-testid="ranking-chart"][data-draws]:not([data-draws="0"])', { timeout: 60000 });
  await page.evaluate(async () => {
    const slider = document.querySelector('input[type="range"][data-testid^="weight-"]');
    for (let i = 0; i < 80; i++) { slider.value = slider.value === '20' ? '30' : '20'; slider.dispatchEvent(new Event('input', { bubbles: true })); await new Promise((r) => requestAnimationFrame(() => r())); }
  });
  await cdp.send('Profiler.start'); await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,v8,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
  result = await page.evaluate(async () => {
    const slider = document.querySelector('input[type="range"][data-testid^="weight-"]');
    const visibleCharts = () => [...document.querySelectorAll('canvas[data-draws]')].filter((c) => c.getClientRects().length > 0);
    const out = [];
    for (let i = 0; i < 60; i++) {
      const charts = visibleCharts();
      const before = charts.map((c) => c.getAttribute('data-draws'));
      const done = new Promise((resolve) => {
        const o = new MutationObserver(() => { if (charts.every((c, k) => c.getAttribute('data-draws') !== before[k])) { o.disconnect(); resolve(performance.now()); } });
        charts.forEach((c) => o.observe(c, { attributes: true, attributeFilter: ['data-draws'] }));
      });
      const start = performance.now();
      slider.value = slider.value === '20' ? '30' : '20';
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      out.push((await done) - start);
      await new Promise((r) => requestAnimationFrame(() => r()));
    }
    out.sort((a, b) => a - b);
    return { charts: visibleCharts().length, median: out[30], p95: out[56] };
  });
}
const traceDone = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.end');
const { stream } = await traceDone;
let traceText = '';
for (;;) { const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 }); traceText += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data; if (chunk.eof) break; }
const events = JSON.parse(traceText).traceEvents ?? JSON.parse(traceText);
const mainPid = events.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data?.frames?.[0]?.processId;
const threads = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain').sort((a, b) => b.dur - a.dur);
console.log('longest tasks:');
for (const task of tasks.slice(0, Number(process.env.TASKS ?? 6))) {
  const inside = events.filter((e) => e.pid === task.pid && e.tid === task.tid && e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur && e !== task && e.dur > 300);
  const sum = new Map();
  for (const e of inside) sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur);
  console.log(`  ${(task.dur / 1000).toFixed(1)} ms: ` + [...sum].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, d]) => `${n} ${(d / 1000).toFixed(1)}`).join(', '));
}
const { profile } = await cdp.send('Profiler.stop');
console.log('measured:', JSON.stringify(result));
{
  // Samples inside each of the longest trace tasks (trace and profile share Chrome's clock).
  const nodesById = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const times = []; let at = profile.startTime; for (let i = 0; i < profile.samples.length; i++) { at += profile.timeDeltas[i]; times.push(at); }
  for (const task of tasks.slice(0, Number(process.env.TASKS ?? 6))) {
    const incl = new Map(); let n = 0;
    for (let i = 0; i < times.length; i++) {
      if (times[i] < task.ts || times[i] > task.ts + task.dur) continue; n++;
      const seen = new Set(); let p = profile.samples[i];
      while (p !== undefined) { const nm = nodesById.get(p).callFrame.functionName || '(anon)'; if (!seen.has(nm)) { seen.add(nm); incl.set(nm, (incl.get(nm) ?? 0) + 1); } p = parentOf.get(p); }
    }
    const skip = /externref|wasm_bindgen::convert|dlmalloc|js-to-wasm|\(root\)|^real$|Queue::new|Future>::poll|reactive_graph::|tachys::|wasm_bindgen__convert/;
    console.log(`\n## task ${(task.dur / 1000).toFixed(1)} ms, ${n} samples:\n  ` + [...incl].filter(([k]) => !skip.test(k)).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.INCL ?? 30)).map(([k, v]) => `${v} ${k.replace(/beachhead_/g, '').slice(0, 150)}`).join('\n  '));
  }
}
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
if (process.env.CALLERS) {
  const par = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) par.set(c, n.id);
  const chains = new Map();
  for (const id of profile.samples) {
    let p = id; const chain = [];
    while (p !== undefined) { chain.push(nodes.get(p).callFrame.functionName); p = par.get(p); }
    const at = chain.findIndex((n) => n.includes(process.env.CALLERS));
    if (at < 0) continue;
    const key = chain.slice(Math.max(0, at - 3), at + 6).map((n) => n.replace(/beachhead_/g, '').slice(0, 90)).join('\n      <- ');
    chains.set(key, (chains.get(key) ?? 0) + 1);
  }
  for (const [k, v] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 4)) console.log(`${v}:\n      ${k}`);
}
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => `${n.callFrame.functionName || '(anon)'}${n.callFrame.url ? '' : ''}`;
const idle = (id) => (process.env.PROGRAM_BUSY ? ['(idle)'] : ['(idle)', '(program)']).includes(nodes.get(id).callFrame.functionName);
// Busy stretches: consecutive non-idle samples.
const stretches = []; let cur = null; let t = 0;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  const id = profile.samples[i];
  if (idle(id)) { if (cur) { stretches.push(cur); cur = null; } continue; }
  if (!cur) cur = { start: t, end: t, samples: [] };
  cur.end = t; cur.samples.push([id, profile.timeDeltas[i + 1] ?? 100]);
}
if (cur) stretches.push(cur);
stretches.sort((a, b) => (b.end - b.start) - (a.end - a.start));
if (process.env.ALL) { const all = { start: 0, end: 1, samples: stretches.flatMap((s) => s.samples) }; stretches.unshift(all); }
for (const s of stretches.filter((s) => !process.env.FILTER || s.samples.some(([id]) => { let p = id; while (p !== undefined) { if (name(nodes.get(p)).includes(process.env.FILTER)) return true; p = parent.get(p); } return false; })).slice(0, Number(process.env.TOP ?? 4))) {
  const self = new Map(); const incl = new Map();
  for (const [id, dt] of s.samples) {
    const n = nodes.get(id); self.set(name(n), (self.get(name(n)) ?? 0) + dt);
    const seen = new Set(); let p = id;
    while (p !== undefined) { const nm = name(nodes.get(p)); if (!seen.has(nm)) { seen.add(nm); incl.set(nm, (incl.get(nm) ?? 0) + dt); } p = parent.get(p); }
  }
  const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, us]) => `${(us / 1000).toFixed(1)} ${n.slice(0, 110)}`);
  console.log(`\n== stretch ${((s.end - s.start) / 1000).toFixed(1)} ms at ${(s.start / 1000).toFixed(0)} ms`);
  console.log(' self:\n  ' + top(self, 12).join('\n  '));
  console.log(' inclusive:\n  ' + top(incl, Number(process.env.INCL ?? 40)).join('\n  '));
}
await context.close();
