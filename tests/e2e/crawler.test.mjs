// The crawler (issue 15): opens every view in both languages at a desktop and a phone size and
// operates every control it finds there: sortable headings (twice), every select option,
// checkboxes, radios, sliders at their minimum, maximum and a middle value, number and text
// fields, charts (hovered and clicked), and every button that does not leave the page (it follows no
// link, and file pickers open from labels, which it does not click). It fails on a page error, a
// console error, the panic banner or a view left blank, naming the view, language, viewport,
// control and action of each failure and the link to the state it was in. After a crash it loads
// the view afresh and goes on, so one run finds every crash.
//
// Controls are found in the page itself, anew before each action (views re-render), so new
// controls are crawled without a change here. Each is known by a key from its kind and its test
// id or label. Long runs of like controls are cut to the first ones the page lists: a table's
// market buttons, a picker of 200 markets. An action is done in the page (the same events a user
// sends) and checked after two frames, in one round trip; charts get Playwright's mouse.
//
// CRAWL_ONLY=toolbar,ranking crawls some views only; CRAWL_VERBOSE=1 logs every action.
import { test } from 'node:test';
import { openApp, BASE_URL } from './browser.mjs';

const LANGUAGES = ['en', 'zh-Hans'];
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
];
const LIMITS = {
  /** A select with more options than this is a picker: only its first `pickerFirst` are chosen. */
  pickerOptions: 8,
  pickerFirst: 5,
  /** A run of like buttons longer than this (a table's market links) is cut to its first `runFirst`. */
  runButtons: 6,
  runFirst: 3,
};
/** Typed into number fields, then the field's own value again. */
const NUMBERS = ['0', '-1', '1e9', ''];
/** Typed into text fields (names, lists of markets), then the field's own value again. */
const TEXTS = ['Hong Kong, Ruritania'];
const ONLY = process.env.CRAWL_ONLY?.split(',').filter(Boolean);
const VERBOSE = !!process.env.CRAWL_VERBOSE;

const READY = 'nav.tabs [role="tab"]';
const PANEL = 'main [role="tabpanel"]:not([hidden])';
/** Outside the views: the toolbar (scenarios, embed, present) and the link notice. */
const CHROME = ['.toolbar', '[data-testid="link-notice"]'];
const PRESENTATION = ['[data-testid="presentation-bar"]'];

/**
 * Installed in the page before the app on every load: finding controls, acting on them and the
 * page's state, so that an action and its check take one round trip. The print dialog is
 * stubbed: it would block the crawl.
 */
function crawlerInPage() {
  window.print = () => { window.__crawlerPrints = (window.__crawlerPrints ?? 0) + 1; };

  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const clean = (s) => (s ?? '').replace(/[▲▼]/g, '').replace(/\s+/g, ' ').trim().slice(0, 80);
  const ownText = (label) => clean([...label.childNodes]
    .filter((n) => n.nodeType === Node.TEXT_NODE || (n.nodeType === Node.ELEMENT_NODE && !n.matches('select, input, textarea, button')))
    .map((n) => n.textContent).join(' '));
  const labelOf = (el) => {
    const aria = el.getAttribute('aria-label');
    if (aria && el.tagName !== 'CANVAS') return clean(aria);
    if (el.tagName === 'BUTTON') return clean(el.textContent) || clean(el.title);
    const label = el.labels?.[0];
    if (label) return ownText(label) || clean(label.title);
    return clean(el.title || el.getAttribute('placeholder') || el.name);
  };
  const container = (el) => {
    const c = el.parentElement?.closest('[data-testid], [id]');
    return (c?.getAttribute('data-testid') || (c?.id ? `#${c.id}` : ''));
  };
  const kindOf = (el) => {
    if (el.tagName === 'BUTTON') return el.closest('th') && (el.closest('th[aria-sort]') || el.classList.contains('sort')) ? 'sort' : 'button';
    if (el.tagName === 'SELECT') return 'select';
    if (el.tagName === 'CANVAS') return 'chart';
    const { type } = el;
    if (type === 'checkbox' || type === 'radio' || type === 'range' || type === 'number') return type;
    if (type === 'text' || type === 'search') return el.inputMode === 'decimal' ? 'number' : (el.readOnly ? null : 'text');
    return null;
  };
  const visible = (el) => !el.closest('[hidden]') && el.checkVisibility({ visibilityProperty: true }) && (() => {
    const r = el.getBoundingClientRect();
    return r.width > 0 || r.height > 0;
  })();

  /** The operable controls under the roots, each with its key; closed `<details>` opened first. */
  function discover(roots, limits) {
    const rootEls = roots.flatMap((s) => [...document.querySelectorAll(s)]).filter((r) => !r.closest('[hidden]'));
    for (const root of rootEls) {
      for (const d of root.querySelectorAll('details:not([open])')) d.open = true;
    }
    const found = [];
    for (const root of rootEls) {
      for (const el of root.querySelectorAll('button, select, input, canvas')) {
        const kind = kindOf(el);
        if (!kind || el.disabled || !visible(el)) continue;
        const testid = el.getAttribute('data-testid') ?? '';
        const where = container(el);
        // A run: buttons alike but for the data they name (market-link, compare-KEN, row-3).
        const run = `${el.className}@${where}:${testid.replace(/-([A-Z]{3}|\d+)$/, '-*')}`;
        found.push({ el, kind, testid, where, run });
      }
    }
    const runSize = new Map();
    for (const c of found) if (c.kind === 'button') runSize.set(c.run, (runSize.get(c.run) ?? 0) + 1);
    const runSeen = new Map();
    const keySeen = new Map();
    const controls = [];
    let left = 0;
    for (const c of found) {
      const { el } = c;
      const label = labelOf(el);
      let key;
      if (c.kind === 'button' && runSize.get(c.run) > limits.runButtons) {
        const n = runSeen.get(c.run) ?? 0;
        runSeen.set(c.run, n + 1);
        if (n >= limits.runFirst) { left += 1; continue; }
        key = `button|run ${c.run}|#${n}`;
      } else {
        const base = `${c.kind}|${c.testid || label}|${c.where}`;
        const n = keySeen.get(base) ?? 0;
        keySeen.set(base, n + 1);
        key = n ? `${base}|${n}` : base;
      }
      const item = { key, kind: c.kind, testid: c.testid, label, where: c.where, el };
      if (c.kind === 'select') {
        item.options = [...el.options].map((o, index) => ({ index, value: o.value, disabled: o.disabled }));
        item.picker = el.options.length > limits.pickerOptions;
        item.selectedIndex = el.selectedIndex;
      } else if (c.kind === 'range') {
        item.min = Number(el.min || 0);
        item.max = Number(el.max || 100);
        item.step = el.step === 'any' ? 0 : Number(el.step || 1);
      } else if (c.kind === 'radio' || c.kind === 'checkbox') {
        item.checked = el.checked;
      } else if (c.kind === 'chart') {
        // The opportunity matrix lists its bubbles (code:x:y); the first is clicked.
        const first = el.closest('[data-bubbles]')?.getAttribute('data-bubbles')?.split(' ')[0]?.split(':');
        if (first?.length === 3) item.bubble = { code: first[0], x: Number(first[1]), y: Number(first[2]) };
      }
      if (c.kind === 'number' || c.kind === 'range' || c.kind === 'text') item.value = el.value;
      controls.push(item);
    }
    return { controls, left };
  }

  /** What the checks after an action need. */
  function state() {
    const banner = document.getElementById('panic-banner');
    const panel = document.querySelector('main [role="tabpanel"]:not([hidden])');
    const rect = panel?.getBoundingClientRect();
    return {
      panic: banner ? (banner.querySelector('[data-testid="panic-report"]')?.textContent ?? banner.textContent) : null,
      tab: document.querySelector('nav.tabs [aria-selected="true"]')?.getAttribute('data-testid')?.replace(/^tab-/, '') ?? null,
      blank: !panel || panel.textContent.trim().length < 20 || !rect || rect.height < 20,
      presenting: document.body.classList.contains('presenting') || !!document.fullscreenElement,
      loaded: !!document.querySelector('nav.tabs'),
      url: location.href,
    };
  }

  const fire = (el, ...types) => { for (const type of types) el.dispatchEvent(new Event(type, { bubbles: true })); };
  const ops = {
    click: (el) => el.click(),
    value: (el, v) => { el.value = v; fire(el, 'input', 'change'); },
    // By value: choosing one option can take others away (a market added to a comparison).
    select: (el, value) => {
      const index = [...el.options].findIndex((o) => o.value === value && !o.disabled);
      if (index < 0) return false;
      el.selectedIndex = index;
      fire(el, 'input', 'change');
      return true;
    },
    mark: (el) => el.setAttribute('data-crawl-target', ''),
  };

  window.__crawler = {
    /** The controls, without their elements. */
    list(roots, limits) {
      const { controls, left } = discover(roots, limits);
      return { controls: controls.map(({ el, ...c }) => c), left };
    },
    /** Finds the control by its key and acts; the state two frames later. */
    async act(roots, limits, key, op, arg) {
      document.querySelectorAll('[data-crawl-target]').forEach((e) => e.removeAttribute('data-crawl-target'));
      const control = discover(roots, limits).controls.find((c) => c.key === key);
      if (!control) return { gone: true };
      const url = location.href;
      if (ops[op](control.el, arg) === false) return { skip: true };
      if (op === 'mark') return { url };
      await frames();
      return { url, state: state() };
    },
    async state() {
      await frames();
      return state();
    },
  };
}

/** A page that does not answer within this long is taken as hung: the browser is started again. */
const ANSWER_MS = 15000;

class Hung extends Error {}

function answer(promise, what) {
  let timer;
  const late = new Promise((_, no) => { timer = setTimeout(() => no(new Hung(`no answer within ${ANSWER_MS / 1000} s to ${what}`)), ANSWER_MS); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** One browser for one language and viewport, and the failures found in it. */
class Crawl {
  constructor(lang, viewport) {
    this.lang = lang;
    this.size = `${viewport.width}x${viewport.height}`;
    this.viewport = viewport;
    this.failures = [];
    this.notes = [];
    this.events = [];
    this.actions = {};
  }

  /** A fresh browser at the view (also after a hang, which no reload could end). */
  async open(view = '') {
    if (this.close) await answer(this.close(), 'close the browser').catch(() => {});
    const app = await openApp({ viewport: this.viewport, initScript: crawlerInPage, path: view ? `#${view}` : '' });
    this.page = app.page;
    this.close = app.close;
    const { page } = this;
    page.setDefaultTimeout(10000);
    page.setDefaultNavigationTimeout(30000);
    page.on('console', (m) => { if (m.type() === 'error') this.events.push({ console: m.text() }); });
    page.on('pageerror', (e) => this.events.push({ page: String(e.message ?? e) }));
    page.on('dialog', (d) => { this.notes.push(`dialog "${d.message()}" dismissed`); d.dismiss().catch(() => {}); });
    page.on('download', (d) => { d.delete().catch(() => {}); });
    await page.waitForSelector(READY, { timeout: 30000 });
    // Errors while loading belong to no control.
    this.events.splice(0);
    this.events.push(...app.consoleErrors.map((e) => ({ console: e })));
    if ((await page.getAttribute('html', 'lang')) !== this.lang) {
      await page.selectOption('[data-testid="language"]', this.lang);
      await page.waitForFunction((l) => document.documentElement.lang === l, this.lang);
    }
    if (!view) await this.verify('ranking', null, 'open the app', await this.state());
  }

  /** The page's state two frames on; null when it does not answer (`verify` reports that). */
  async state() {
    try {
      return await answer(this.page.evaluate(() => window.__crawler.state()), 'two frames and a look at the page');
    } catch (e) {
      if (!(e instanceof Hung)) throw e;
      this.events.push({ page: `the crawler got no answer: ${e.message.split('\n')[0]}` });
      return null;
    }
  }

  evaluate(what, fn, arg) {
    return answer(this.page.evaluate(fn, arg), what);
  }

  /** The views, from the app's own tab list. */
  views() {
    return this.page.$$eval(READY, (tabs) => tabs.map((t) => t.dataset.testid.replace(/^tab-/, '')));
  }

  where(view, control, action) {
    const c = control
      ? ` ${control.kind}${control.label ? ` "${control.label}"` : ''}${control.testid ? ` [data-testid=${control.testid}]` : ''}${control.where ? ` in ${control.where}` : ''},`
      : '';
    return `${this.lang} ${this.size} #${view}:${c} ${action}`;
  }

  /**
   * The checks after an action: no error, no panic banner, the view not blank. A crash loads
   * the view afresh (unless this is the check of a view loaded afresh). Returns whether all was
   * well.
   */
  async verify(view, control, action, state, url, recover = true) {
    const events = this.events.splice(0);
    const problems = [];
    const panic = state?.panic ?? events.find((e) => e.console?.includes('panicked at'))?.console;
    if (panic) {
      // The report's message, without the version line, the page and the browser.
      const message = panic.split('\n').filter((l) => l.trim() && !/^(Beachhead \d|Page: |Browser: )/.test(l)).join(' ');
      problems.push(`PANIC ${message.replace(/\s*Stack:.*$/, '')}`);
    }
    for (const e of events) {
      if (e.console?.includes('panicked at')) continue;
      if (e.page) problems.push(`page error: ${e.page.split('\n')[0]}${panic ? ' (the abort after the panic)' : ''}`);
      else problems.push(`console error: ${e.console.split('\n').slice(0, 3).join(' ')}`);
    }
    if (!state) problems.push('the page stopped answering');
    else if (!state.loaded) problems.push('the app is gone from the page');
    else if (state.blank && !panic) problems.push(`the view #${state.tab} is blank`);
    if (problems.length === 0) return true;
    this.failures.push(`${this.where(view, control, action)}\n      ${problems.join('\n      ')}${url ? `\n      at ${url}` : ''}`);
    // A crash, a hang or a blank view: the rest is crawled from the view loaded afresh.
    if (recover && (panic || !state?.loaded || state.blank)) await this.reload(view, !state);
    return false;
  }

  /**
   * Loads the view afresh, in its default state (a crashed app never runs again); after a hang
   * in a new browser.
   */
  async reload(view, hung = false) {
    const { page } = this;
    try {
      if (hung) {
        await this.open(view);
      } else {
        await page.goto('about:blank');
        await page.goto(new URL(`#${view}`, BASE_URL).href);
        await page.waitForSelector(READY, { timeout: 30000 });
      }
      await this.verify(view, null, 'load the view afresh after the crash', await this.state(), null, false);
    } catch (e) {
      this.failures.push(`${this.where(view, null, 'load the view afresh after the crash')}\n      ${e.message.split('\n')[0]}`);
    }
  }

  /** Opens a view by its tab, as a user does. */
  async show(view) {
    const { page } = this;
    let state = await this.state();
    if (!state) return this.verify(view, null, 'open the view by its tab', state);
    if (state.presenting) state = await this.escape(view);
    if (state?.tab === view) return true;
    try {
      await page.click(`[data-testid="tab-${view}"]`);
      await page.waitForSelector(`#panel-${view}:not([hidden])`);
    } catch (e) {
      this.failures.push(`${this.where(view, null, 'open the view by its tab')}\n      ${e.message.split('\n')[0]}`);
      await this.reload(view);
      return false;
    }
    return this.verify(view, null, 'open the view by its tab', await this.state());
  }

  async escape(view) {
    await this.page.keyboard.press('Escape');
    const state = await this.state();
    if (!(await this.verify(view, null, 'press Escape to end the presentation', state))) return this.state();
    if (state.presenting) {
      this.failures.push(`${this.where(view, null, 'press Escape to end the presentation')}\n      still presenting`);
      await this.reload(view);
      return null;
    }
    return state;
  }

  /**
   * One action on one control, found again by its key: `op` in the page (click, value, select)
   * or a function of a Playwright locator. Returns false when the control is gone or something
   * failed, so that its remaining actions are skipped.
   */
  async act(view, roots, control, action, op, arg) {
    const { page } = this;
    if (VERBOSE) console.log(`  ${this.where(view, control, action)}`);
    let result;
    try {
      if (typeof op === 'function') {
        result = await this.evaluate('find the control', ([r, l, k]) => window.__crawler.act(r, l, k, 'mark'), [roots, LIMITS, control.key]);
        if (!result.gone) {
          await answer(op(page.locator('[data-crawl-target]')), action).catch((e) => {
            if (e instanceof Hung) throw e;
            this.notes.push(`${this.where(view, control, action)}: could not: ${e.message.split('\n')[0]}`);
          });
          result.state = await this.state();
        }
      } else {
        result = await this.evaluate(action, ([r, l, k, o, a]) => window.__crawler.act(r, l, k, o, a), [roots, LIMITS, control.key, op, arg]);
      }
    } catch (e) {
      // No answer (a hang), or the page went away under the crawler (a navigation): the view
      // is loaded afresh.
      result = { state: null, url: page.url() };
      this.events.push({ page: `${e instanceof Hung ? 'the crawler got no answer' : 'the crawler lost the page'}: ${e.message.split('\n')[0]}` });
    }
    if (result.gone) return false;
    if (result.skip) return true;
    this.actions[view] = (this.actions[view] ?? 0) + 1;
    if (!(await this.verify(view, control, action, result.state, result.url))) return false;
    if (result.state.presenting) {
      if (this.presenting) return true;
      await this.crawlPresentation(view);
      return this.show(view);
    }
    // A button that opened another view: that view was checked; back to the one crawled.
    if (result.state.tab !== view) return this.show(view);
    return true;
  }

  /** Every action for one control. */
  async operate(view, roots, c) {
    const act = (action, op, arg) => this.act(view, roots, c, action, op, arg);
    switch (c.kind) {
      case 'sort':
        return (await act('click the heading (1st time)', 'click')) && act('click the heading (2nd time)', 'click');
      case 'button':
        return act('click', 'click');
      case 'checkbox':
        return (await act('click', 'click')) && act('click again', 'click');
      case 'radio':
        return act(c.checked ? 'choose it again' : 'choose', 'click');
      case 'range': {
        const { min, max, step } = c;
        let middle = (min + max) / 2;
        if (step > 0) middle = min + Math.round((middle - min) / step) * step;
        for (const [name, v] of [['minimum', min], ['maximum', max], ['middle', middle]]) {
          if (!(await act(`set to its ${name}, ${v}`, 'value', String(v)))) return false;
        }
        return true;
      }
      case 'number':
      case 'text':
        for (const v of [...(c.kind === 'number' ? NUMBERS : TEXTS), c.value]) {
          if (!(await act(`type "${v}"`, 'value', v))) return false;
        }
        return true;
      case 'select': {
        let options = c.options.filter((o) => !o.disabled);
        if (c.picker) options = options.slice(0, LIMITS.pickerFirst);
        // Then the option chosen before, again.
        const first = c.options[c.selectedIndex];
        if (first && !first.disabled && options.length > 1) options.push(first);
        for (const o of options) {
          if (!(await act(`choose option ${o.index + 1} of ${c.options.length} ("${o.value}")`, 'select', o.value))) return false;
        }
        return true;
      }
      case 'chart': {
        // Charts that answer the mouse (the map, the matrices) are operated where they draw.
        if (!(await act('hover its middle', (l) => l.hover({ timeout: 2000 })))) return false;
        if (!(await act('click its middle', (l) => l.click({ timeout: 2000 })))) return false;
        const { bubble } = c;
        if (bubble) return act(`click the bubble of ${bubble.code}`, (l) => l.click({ position: { x: bubble.x, y: bubble.y }, timeout: 2000 }));
        return true;
      }
      default:
        return true;
    }
  }

  /** The presentation's own buttons (ending it last), the arrow keys, then Escape. */
  async crawlPresentation(view) {
    this.presenting = true;
    try {
      await this.presentationSteps(view);
    } finally {
      this.presenting = false;
    }
  }

  async presentationSteps(view) {
    const { controls } = await this.evaluate('list the controls', ([r, l]) => window.__crawler.list(r, l), [PRESENTATION, LIMITS]);
    const end = (c) => c.testid === 'presentation-end';
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowLeft']) {
      await this.page.keyboard.press(key);
      if (!(await this.verify(view, null, `press ${key} while presenting`, await this.state()))) return;
    }
    for (const c of [...controls.filter((c) => !end(c)), ...controls.filter(end)]) {
      if (!(await this.act(view, PRESENTATION, c, 'click while presenting', 'click'))) return;
      if (!(await this.state())?.presenting) return;
    }
  }

  /**
   * Every control under the roots; then again for controls that appeared meanwhile, and for
   * selects whose choices changed (the scenario pickers once a scenario is saved).
   */
  async crawl(view, roots) {
    const done = new Map();
    const choices = (c) => (c.kind === 'select' ? c.options.map((o) => o.value).join('\n') : '');
    let left = 0;
    for (let round = 0; round < 3; round++) {
      let found;
      try {
        found = await this.evaluate('list the controls', ([r, l]) => window.__crawler.list(r, l), [roots, LIMITS]);
      } catch (e) {
        if (!(e instanceof Hung)) throw e;
        this.failures.push(`${this.where(view, null, 'list the controls')}\n      ${e.message.split('\n')[0]}`);
        await this.reload(view, true);
        break;
      }
      left = Math.max(left, found.left);
      const todo = found.controls.filter((c) => !done.has(c.key) || done.get(c.key) !== choices(c));
      if (todo.length === 0) break;
      // Radios come back to the one that was chosen, once the others were tried.
      const chosen = todo.filter((c) => c.kind === 'radio' && c.checked);
      for (const c of [...todo.filter((c) => !(c.kind === 'radio' && c.checked)), ...chosen]) {
        done.set(c.key, choices(c));
        await this.operate(view, roots, c);
      }
    }
    return { controls: done.size, left };
  }
}

for (const lang of LANGUAGES) {
  for (const viewport of VIEWPORTS) {
    test(`crawler: every control of every view, ${lang}, ${viewport.width}x${viewport.height}`, { timeout: 15 * 60 * 1000 }, async (t) => {
      const crawl = new Crawl(lang, viewport);
      const started = Date.now();
      const summary = [];
      await crawl.open();
      try {
        const views = await crawl.views();
        if (views.length < 12) crawl.failures.push(`${crawl.where('?', null, 'read the tab list')}: only ${views.length} views`);
        const report = (name, view, at, { controls, left }) => {
          summary.push(`${name}: ${controls} controls, ${crawl.actions[view] ?? 0} actions, ${left} like ones left out, ${((Date.now() - at) / 1000).toFixed(1)} s`);
          crawl.actions[view] = 0;
        };
        // The toolbar once, on the first view: scenarios, embed, present.
        if (!ONLY || ONLY.includes('toolbar')) {
          const at = Date.now();
          report('toolbar', views[0], at, await crawl.crawl(views[0], CHROME));
        }
        for (const view of views.filter((v) => !ONLY || ONLY.includes(v))) {
          const at = Date.now();
          if (!(await crawl.show(view))) continue;
          report(`#${view}`, view, at, await crawl.crawl(view, [PANEL]));
        }
      } finally {
        await crawl.close();
      }
      summary.push(`total ${((Date.now() - started) / 1000).toFixed(1)} s, ${crawl.failures.length} failures`);
      for (const line of [...summary, ...crawl.notes.map((n) => `note: ${n}`)]) t.diagnostic(line);
      if (VERBOSE) console.log(summary.join('\n'));
      if (crawl.failures.length) {
        throw new Error(`${crawl.failures.length} failure(s) while crawling:\n  ${crawl.failures.join('\n  ')}`);
      }
    });
  }
}
