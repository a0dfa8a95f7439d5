#!/usr/bin/env node
// Browser test of the dashboard against the real service: a throw-away Postgres (scripts/pg-up.sh),
// build/bin/gammadesk with the simulated market on a free loopback port serving frontend/dist, and
// Debian's chromium driven by playwright-core. Every step is reported PASS or FAIL (never skipped);
// a step that fails because the API route it needs does not exist yet says so. Screenshots go to
// build/e2e/. Bounded in time; every process it started is stopped, also on failure or a signal.
//
//   node tests/e2e/dashboard.e2e.mjs           (scripts/frontend.sh e2e)
//   GD_BIN_DIR=...  GD_E2E_TIMEOUT_S=300  GD_E2E_KEEP=1 (keep the temp dir)  --mock (DEV ONLY: frontend/scripts/mock-api.mjs instead of gammadesk)
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FE = path.join(ROOT, 'frontend');
const DIST = path.join(FE, 'dist');
const OUT = path.join(ROOT, 'build', 'e2e');
const require = createRequire(path.join(FE, 'package.json'));
const { chromium } = require('playwright-core');

const MOCK = process.argv.includes('--mock');
const BIN = path.join(process.env.GD_BIN_DIR || path.join(ROOT, 'build', 'bin'), 'gammadesk');
const ADMIN_KEY = `e2e-${randomBytes(8).toString('hex')}`;
const DEADLINE_S = Number(process.env.GD_E2E_TIMEOUT_S || 300);
const STEP_TIMEOUT_MS = 45_000;
const CHROMIUM = process.env.GD_CHROMIUM || '/usr/bin/chromium';
const CALL_COLOR = '#22a06b';
const PUT_COLOR = '#e5484d';
const SIM_START = '2026-11-16T10:02:00-05:00';

const t0 = Date.now();
const results = [];
const state = { tmp: null, pgDir: null, dbUrl: null, port: 0, svc: null, context: null, cleaning: false, outage: false };
const consoleProblems = [];
const missingRoutes = new Set();

const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s]`, ...a);

// ---------- processes ----------

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const base = () => `http://127.0.0.1:${state.port}`;

async function httpGet(p, opts = {}) {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), opts.timeoutMs ?? 5000);
  try {
    const res = await fetch(base() + p, { method: opts.method ?? 'GET', headers: opts.headers, signal: ac.signal });
    const text = await res.text();
    return { status: res.status, text, type: res.headers.get('content-type') ?? '' };
  } finally {
    clearTimeout(timer);
  }
}

function serviceEnv() {
  const env = {};
  // A developer's provider credentials must not turn the test into a live-market run.
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(TRADIER_|DATABENTO_|CBOE_|REPLAY_|SNAPSHOT_|SIMULATED_|SCHEDULER_|ADMIN_API_KEY|DATABASE_URL|PORT|HOST|STATIC_DIR|CORS_ORIGINS|TRADING_|BROKER|STRATEGY_|TRADE_QUANTITY|MAX_OPEN_TRADES|MAX_TRADES_PER_DAY|FILL_SPREAD_FACTOR|TAKE_PROFIT_FRACTION|STOP_LOSS_MULTIPLE|ORDER_POLL_SECONDS|MARK_INTERVAL_SECONDS|REPRICE_)/.test(k)) env[k] = v;
  }
  return {
    ...env,
    HOST: '127.0.0.1',
    PORT: String(state.port),
    STATIC_DIR: DIST,
    DATABASE_URL: state.dbUrl,
    SNAPSHOT_PROVIDER: 'simulated',
    SIMULATED_SEED: '42',
    ADMIN_API_KEY: ADMIN_KEY,
    ALLOW_SNAPSHOT_OUTSIDE_RTH: 'true',
    // A Monday morning inside the 10:00 entry window: the service's clock runs from there, and the
    // simulated market and broker follow it, so the run sees real decisions, orders and fills.
    SIMULATED_CLOCK_START: SIM_START,
    // The paper-trading jobs (order polling, marks, the slot decisions) only run with the scheduler
    // on; a 60-minute snapshot interval puts the next scheduled snapshot at 11:00 simulated time,
    // after the run, so snapshots are still taken only through the UI.
    SCHEDULER_ENABLED: 'true',
    SNAPSHOT_INTERVAL_MINUTES: '60',
    TRADING_ENABLED: 'true',
    BROKER: 'simulated',
    STRATEGY_MIN_CREDIT: '0.05',
    ORDER_POLL_SECONDS: '2',
    MARK_INTERVAL_SECONDS: '5',
    SNAPSHOT_SPOOL_DIR: path.join(state.tmp, 'spool'),
    LOG_LEVEL: 'info',
  };
}

async function startService() {
  const logFile = fs.openSync(path.join(OUT, 'gammadesk.log'), 'a');
  const [cmd, args] = MOCK
    ? [process.execPath, [path.join(FE, 'scripts', 'mock-api.mjs'), '--port', String(state.port), '--static', DIST, '--admin-key', ADMIN_KEY, '--state', path.join(state.tmp, 'mock-state.json')]]
    : [BIN, []];
  const child = spawn(cmd, args, { cwd: ROOT, env: serviceEnv(), stdio: ['ignore', logFile, logFile] });
  fs.closeSync(logFile);
  state.svc = child;
  let exited = null;
  child.on('exit', (code, sig) => {
    exited = { code, sig };
    if (state.svc === child) state.svc = null;
  });
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (exited) throw new Error(`service exited during start-up (${JSON.stringify(exited)}); see build/e2e/gammadesk.log`);
    try {
      const r = await httpGet(MOCK ? '/api/info' : '/ready', { timeoutMs: 1000 });
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await sleep(150);
  }
  throw new Error('service not ready within 30 s; see build/e2e/gammadesk.log');
}

async function stopService() {
  const child = state.svc;
  if (!child || child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const ok = await Promise.race([done.then(() => true), sleep(10_000).then(() => false)]);
  if (!ok) {
    child.kill('SIGKILL');
    await Promise.race([done, sleep(3000)]);
  }
  state.svc = null;
}

async function cleanup() {
  if (state.cleaning) return;
  state.cleaning = true;
  try {
    if (state.context) await Promise.race([state.context.close(), sleep(5000)]);
  } catch {
    /* already gone */
  }
  await stopService().catch(() => {});
  if (state.pgDir) spawnSync(path.join(ROOT, 'scripts', 'pg-down.sh'), [state.pgDir, '--wipe'], { stdio: 'ignore', timeout: 60_000 });
  if (state.tmp && !process.env.GD_E2E_KEEP) fs.rmSync(state.tmp, { recursive: true, force: true });
}

// ---------- reporting ----------

async function step(name, needs, fn) {
  const started = Date.now();
  let timer;
  try {
    await Promise.race([
      fn(),
      new Promise((_, rej) => {
        timer = setTimeout(() => rej(new Error(`step timed out after ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS);
      }),
    ]);
    results.push({ name, ok: true });
    log(`PASS ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    const missing = needs.filter((r) => missingRoutes.has(r));
    const why = missing.length ? ` [endpoint not available yet: ${missing.join(', ')}]` : '';
    results.push({ name, ok: false, why: `${(e?.message ?? String(e)).split('\n')[0]}${why}` });
    log(`FAIL ${name}: ${(e?.message ?? String(e)).split('\n')[0]}${why}`);
  } finally {
    clearTimeout(timer);
  }
}

function expect(cond, msg) {
  if (!cond) throw new Error(msg);
}

// ---------- page helpers ----------

const tid = (id) => `[data-testid="${id}"]`;

async function attr(page, id, name) {
  return page.locator(tid(id)).first().getAttribute(name);
}

async function waitState(page, id, states, timeout = 15_000) {
  const loc = page.locator(tid(id)).first();
  await loc.waitFor({ state: 'attached', timeout });
  const until = Date.now() + timeout;
  let s;
  while (Date.now() < until) {
    s = await loc.getAttribute('data-state');
    if (states.includes(s)) return s;
    if (s === 'not-available') break; // a missing route will not appear by waiting
    await sleep(100);
  }
  const msg = await page
    .locator(`${tid(id)} ${tid('state-message')}`)
    .first()
    .innerText({ timeout: 500 })
    .catch(() => '');
  throw new Error(`${id} is "${s}", wanted ${states.join('|')}${msg ? `: ${msg.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`);
}

async function svgHash(page, id) {
  const html = await page.locator(`${tid(id)} svg`).first().innerHTML({ timeout: 5000 });
  return createHash('sha1').update(html).digest('hex');
}

async function countFill(page, id, color) {
  return page.locator(`${tid(id)} svg path[fill="${color}"]`).count();
}

async function go(page, pathAndQuery) {
  await page.goto(base() + pathAndQuery, { waitUntil: 'domcontentloaded' });
  await page.locator(tid('app')).waitFor({ timeout: 10_000 });
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true }).catch((e) => log(`screenshot ${name} failed: ${e.message}`));
}

async function clickNav(page, p) {
  await page.locator(tid(`nav-${p}`)).click();
  await page.locator(tid(`page-${p}`)).waitFor({ timeout: 5000 });
}

// ---------- main ----------

async function probeRoutes() {
  const routes = [
    ['POST', '/api/admin/run-snapshot'],
    ['GET', '/api/chain-snapshots'],
    ['GET', '/api/chain-snapshots/1/verify'],
    ['GET', '/api/realized-vol'],
    ['GET', '/api/exposure'],
    ['GET', '/api/exposure/levels'],
    ['GET', '/api/exposure/profile'],
    ['GET', '/api/exposure/by-expiry'],
    ['GET', '/api/exposure/heatmap'],
    ['GET', '/api/chain'],
    ['GET', '/api/trading/status'],
    ['GET', '/api/decisions'],
    ['GET', '/api/orders'],
    ['GET', '/api/trades'],
    ['GET', '/api/positions'],
    ['GET', '/api/pnl/daily'],
    ['GET', '/api/strategy/config'],
    ['POST', '/api/admin/decide-now'],
    ['POST', '/api/admin/kill-switch'],
  ];
  for (const [method, p] of routes) {
    const r = await httpGet(p, { method }).catch(() => null);
    const missing = r && r.status === 404 && /no route for/i.test(r.text);
    if (missing) missingRoutes.add(p.replace('/1/', '/{id}/'));
  }
  log(missingRoutes.size ? `routes missing on this server: ${[...missingRoutes].join(', ')}` : 'all dashboard routes exist on this server');
}

function bundleReport() {
  const dir = path.join(DIST, 'assets');
  let js = 0;
  let jsRaw = 0;
  let css = 0;
  for (const f of fs.readdirSync(dir)) {
    const buf = fs.readFileSync(path.join(dir, f));
    const gz = zlib.gzipSync(buf, { level: 9 }).length;
    if (f.endsWith('.js')) {
      js += gz;
      jsRaw += buf.length;
    } else if (f.endsWith('.css')) css += gz;
  }
  return { js, jsRaw, css };
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  for (const f of fs.readdirSync(OUT)) if (f.endsWith('.png') || f === 'gammadesk.log') fs.rmSync(path.join(OUT, f));
  if (MOCK) log('*** MOCK MODE (development only): the API is frontend/scripts/mock-api.mjs, not gammadesk ***');
  expect(fs.existsSync(path.join(DIST, 'index.html')), `no ${DIST}/index.html: run scripts/frontend.sh build`);
  expect(MOCK || fs.existsSync(BIN), `no service binary at ${BIN}: run make build`);
  expect(fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM}: apt-get install chromium`);

  state.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-e2e-'));
  fs.chmodSync(state.tmp, 0o755); // the postgres user must traverse it when we run as root
  state.port = await freePort();
  if (!MOCK) {
    state.pgDir = path.join(state.tmp, 'pg');
    const pg = spawnSync(path.join(ROOT, 'scripts', 'pg-up.sh'), [state.pgDir], { encoding: 'utf8', timeout: 90_000 });
    expect(pg.status === 0, `pg-up.sh failed: ${pg.stderr}`);
    state.dbUrl = pg.stdout.trim().split('\n').pop();
    log(`postgres at ${state.dbUrl}`);
  }
  await startService();
  log(`service on ${base()} (admin key set, simulated market)`);
  await probeRoutes();

  state.context = await chromium.launchPersistentContext(path.join(state.tmp, 'chrome'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    timeout: 30_000,
  });
  state.context.setDefaultTimeout(10_000);
  const page = state.context.pages()[0] ?? (await state.context.newPage());

  let phase = 'start';
  const watch = (p) => {
    p.on('console', (m) => {
      if (m.type() !== 'error') return;
      const text = m.text();
      const url = m.location()?.url ?? '';
      // Chrome logs every non-2xx fetch as a console error. A 404 from an API route (the "not
      // available yet" / "no data yet" states), the 401 of the bad-key step and refused connections
      // while the service is deliberately stopped are expected; anything else is a real error.
      if (/Failed to load resource/.test(text)) {
        if (/status of 404/.test(text) && url.includes('/api/')) return;
        if (/status of 401/.test(text) && phase === 'bad-key') return;
        // Decide now before any snapshot: the deliberate 503 of the trading error-display step.
        if (/status of 503/.test(text) && phase === 'trading-empty' && url.includes('/api/admin/decide-now')) return;
        if (state.outage && /ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE/.test(text)) return;
      }
      consoleProblems.push(`[${phase}] ${text} ${url}`);
    });
    p.on('pageerror', (e) => consoleProblems.push(`[${phase}] page error: ${e.message}`));
  };
  watch(page);

  // 1
  await step('service serves the dashboard with SPA fallback and hashed-asset caching', [], async () => {
    const r = await httpGet('/exposure?symbol=SPX');
    expect(r.status === 200 && r.text.includes('<div id="root">'), `GET /exposure gave ${r.status}`);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(r.text)?.[1];
    expect(asset, 'index.html names no JS asset');
    const a = await fetch(base() + asset);
    expect(a.status === 200, `asset ${asset}: ${a.status}`);
    if (!MOCK) expect(/immutable/.test(a.headers.get('cache-control') ?? ''), 'hashed asset without immutable cache header');
  });

  // 2
  const bundle = bundleReport();
  await step(`JS bundle ${(bundle.js / 1024).toFixed(1)} kB gzip (raw ${(bundle.jsRaw / 1024).toFixed(0)} kB, CSS ${(bundle.css / 1024).toFixed(1)} kB gzip) under 600 kB`, [], async () => {
    expect(bundle.js < 600 * 1024, `too big: ${bundle.js} bytes`);
  });

  // 3
  let firstLoadMs = NaN;
  await step('first load under 2 s on loopback (app rendered and API answered)', [], async () => {
    phase = 'first-load';
    const s = Date.now();
    await page.goto(`${base()}/overview?symbol=SPX`, { waitUntil: 'domcontentloaded' });
    await page.locator(`${tid('api-status')}[data-status="online"]`).waitFor({ timeout: 10_000 });
    await page.locator(`${tid('key-levels')}:not([data-state="loading"])`).waitFor({ timeout: 10_000 });
    firstLoadMs = Date.now() - s;
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return n ? { dcl: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd) } : null;
    });
    log(`first load: ${firstLoadMs} ms to a rendered overview (DOMContentLoaded ${nav?.dcl} ms, load ${nav?.load} ms)`);
    expect(firstLoadMs < 2000, `${firstLoadMs} ms`);
  });

  // 4
  await step('header shows the API live and the simulated source', [], async () => {
    await page.locator(`${tid('api-status')}[data-status="online"]`).waitFor();
    const footer = await page.locator('.footer').innerText();
    expect(/simulated|mock/.test(footer), `footer: ${footer}`);
  });

  // 5
  const TRADING_ROUTES = ['/api/trading/status', '/api/decisions', '/api/orders', '/api/trades', '/api/positions', '/api/pnl/daily'];
  await step('Trading before any snapshot: the simulated broker, explicit empty states, Backtests honest', TRADING_ROUTES, async () => {
    phase = 'trading';
    await clickNav(page, 'trading');
    await waitState(page, 'section-status', ['ready']);
    expect((await attr(page, 'status-broker', 'data-broker')) === 'simulated', `broker ${await attr(page, 'status-broker', 'data-broker')}`);
    expect(/SIMULATED/.test(await page.locator(tid('status-broker')).innerText()), 'the strip does not say SIMULATED');
    expect((await attr(page, 'status-kill-switch', 'data-on')) === 'false', 'kill switch is on at start');
    for (const id of ['positions', 'decisions', 'orders', 'trades', 'pnl']) {
      await waitState(page, `section-${id}`, ['empty']);
      const rows = await page.locator(`${tid(`section-${id}`)} tbody tr`).count();
      expect(rows === 0, `${id}: empty but ${rows} rows shown`);
    }
    const none = (await page.locator(`${tid('section-trades')} ${tid('state-message')}`).innerText()).trim();
    expect(none === 'No trades yet — decisions run at 10:00, 11:00 and 12:00 ET on trading days', `trades empty state: "${none}"`);
    await waitState(page, 'section-config', ['ready']);
    await shot(page, 'trading-empty');
    await clickNav(page, 'backtests');
    const st = await waitState(page, 'section-backtests', ['not-available', 'empty', 'ready']);
    log(`backtests state: ${st}`);
    await shot(page, 'backtests');
  });

  // 5b
  await step('Trading: "Decide now" before any snapshot shows the 503 with its code and message', ['/api/admin/decide-now'], async () => {
    phase = 'trading-empty';
    await clickNav(page, 'trading');
    await waitState(page, 'section-status', ['ready']);
    await page.evaluate(() => sessionStorage.clear());
    await page.locator(tid('decide-now')).click();
    await page.locator(tid('confirm-dialog')).waitFor();
    await page.locator(tid('confirm-ok')).click();
    await page.locator(tid('admin-key-input')).fill(ADMIN_KEY);
    await page.locator(tid('admin-key-submit')).click();
    const err = page.locator(`${tid('section-status')} ${tid('admin-action-error')}`);
    await err.waitFor({ timeout: 15_000 });
    const [kind, status, text] = [await err.getAttribute('data-kind'), await err.getAttribute('data-status'), (await err.innerText()).replace(/\s+/g, ' ')];
    expect(kind === 'unavailable' && status === '503', `kind=${kind} status=${status}: ${text.slice(0, 200)}`);
    expect(/503 unavailable: .*snapshot/i.test(text), `error text: ${text.slice(0, 200)}`);
    phase = 'trading';
  });

  // 6
  await step('a bad admin key shows an error', ['/api/admin/run-snapshot'], async () => {
    phase = 'bad-key';
    await clickNav(page, 'snapshots');
    await page.evaluate(() => sessionStorage.clear());
    await page.locator(tid('run-snapshot')).click();
    await page.locator(tid('admin-key-input')).fill('definitely-wrong-key');
    await page.locator(tid('admin-key-submit')).click();
    const err = page.locator(tid('run-snapshot-error'));
    await err.waitFor({ timeout: 10_000 });
    const kind = await err.getAttribute('data-kind');
    const text = (await err.innerText()).replace(/\s+/g, ' ');
    expect(kind === 'unauthorized', `error shown but kind=${kind}: ${text.slice(0, 160)}`);
    const stored = await page.evaluate(() => sessionStorage.getItem('gd.adminKey'));
    expect(stored === null, 'a rejected key stayed in session storage');
  });

  // 7
  let inserted = 0;
  await step('take a snapshot through the UI with the admin key (kept in session storage)', ['/api/admin/run-snapshot', '/api/chain-snapshots'], async () => {
    phase = 'snapshot';
    await page.evaluate(() => sessionStorage.clear());
    await page.locator(tid('run-snapshot')).click();
    await page.locator(tid('admin-key-input')).fill(ADMIN_KEY);
    await page.locator(tid('admin-key-submit')).click();
    const res = page.locator(`${tid('run-snapshot-result')}, ${tid('run-snapshot-error')}`).first();
    await res.waitFor({ timeout: 30_000 });
    if ((await res.getAttribute('data-testid')) === 'run-snapshot-error') {
      throw new Error(`run-snapshot failed: ${(await res.innerText()).replace(/\s+/g, ' ').slice(0, 200)}`);
    }
    const skipped = await res.getAttribute('data-skipped');
    inserted = Number(await res.getAttribute('data-inserted')) + ((await res.getAttribute('data-full-chain')) === 'true' ? 1 : 0);
    expect(skipped === 'false' && inserted > 0, `skipped=${skipped} inserted=${inserted}: ${(await res.innerText()).slice(0, 200)}`);
    expect((await page.evaluate(() => sessionStorage.getItem('gd.adminKey'))) !== null, 'the key was not kept in session storage');
    await waitState(page, 'snapshots', ['ready']);
    const rows = await page.locator(tid('snapshot-row')).count();
    expect(rows >= inserted, `${rows} rows listed after inserting ${inserted}`);
    // A second run uses the stored key without asking again.
    await page.locator(tid('run-snapshot')).click();
    await sleep(300);
    expect((await page.locator(tid('admin-key-dialog')).count()) === 0, 'asked for the key again');
    await page.locator(tid('run-snapshot-result')).waitFor({ timeout: 30_000 });
  });

  // 8
  await step('snapshot checksum verifies from the list', ['/api/chain-snapshots', '/api/chain-snapshots/{id}/verify'], async () => {
    await waitState(page, 'snapshots', ['ready']);
    const id = await page.locator(tid('snapshot-row')).first().getAttribute('data-id');
    await page.locator(tid(`verify-${id}`)).click();
    const r = page.locator(tid(`verify-result-${id}`));
    await r.waitFor();
    expect((await r.getAttribute('data-ok')) === 'true', `verify said ${await r.getAttribute('data-ok')}: ${await r.innerText()}`);
    await shot(page, 'snapshots');
  });

  // T1
  const api = async (p) => JSON.parse((await httpGet(p)).text);
  let tradeId = null;
  await step('Trading: the 10:00 slot shows a TRADE with its reason, chosen legs, snapshot link and candidates', ['/api/decisions', '/api/strategy/config'], async () => {
    phase = 'trading-data';
    // The first snapshot wakes the trading jobs: the 10:00 slot is decided on it.
    let decisions = [];
    const until = Date.now() + 15_000;
    while (Date.now() < until && !decisions.some((d) => d.action === 'TRADE')) {
      decisions = (await api('/api/decisions')).items;
      if (!decisions.some((d) => d.action === 'TRADE')) await sleep(500);
    }
    const trade = decisions.find((d) => d.action === 'TRADE');
    expect(trade, `no TRADE decision: ${decisions.map((d) => `${d.slot} ${d.action} ${d.reason}: ${d.message}`).join(' | ') || 'none'}`);
    log(`decision ${trade.decision_id} (${trade.source}) ${trade.slot}: ${trade.message}`);
    await clickNav(page, 'trading');
    await waitState(page, 'section-decisions', ['ready']);
    const slots = await page.locator(tid('decision-slot')).evaluateAll((els) => els.map((e) => e.getAttribute('data-slot')));
    expect(['10:00', '11:00', '12:00'].every((x) => slots.includes(x)), `slots shown: ${slots.join(',')}`);
    const row = page.locator(`${tid('decision-row')}[data-id="${trade.decision_id}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect((await row.getAttribute('data-action')) === 'TRADE' && (await row.getAttribute('data-reason')) === 'trade', 'row action/reason');
    expect((await page.locator(`${tid('decision-slot')}[data-slot="${trade.slot}"] ${tid('decision-row')}[data-id="${trade.decision_id}"]`).count()) === 1, `decision not under slot ${trade.slot}`);
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    expect(text.includes(trade.message), `message missing: ${text.slice(0, 200)}`);
    const chosen = (await row.locator(tid('decision-chosen')).innerText()).replace(/\s+/g, ' ');
    expect(/Short \d+ \(Δ -?0\.\d{3}\) \/ long \d+ \(Δ -?0\.\d{3}\).*credit limit \d+\.\d\d/.test(chosen), `chosen legs: ${chosen}`);
    const href = await row.locator(tid(`decision-snapshot-${trade.decision_id}`)).getAttribute('href');
    expect(href && href.startsWith('/chain?') && href.includes(`snapshot=${trade.snapshot_id}`), `snapshot link ${href}`);
    await row.locator(tid(`candidates-toggle-${trade.decision_id}`)).click();
    const cands = page.locator(`${tid(`candidates-${trade.decision_id}`)} ${tid('candidate-row')}`);
    await cands.first().waitFor();
    expect((await cands.count()) === trade.decision.candidates.length, `${await cands.count()} candidate rows for ${trade.decision.candidates.length}`);
    expect((await page.locator(`${tid(`candidates-${trade.decision_id}`)} ${tid('candidate-row')}[data-reason="trade"]`).count()) === 1, 'no traded candidate row');
    await waitState(page, 'section-config', ['ready']);
    await page.locator(`${tid('strategy-config')} summary`).click();
    expect((await page.locator(`${tid('config-slots')} tbody tr`).count()) === 3, 'config slots table');
    const hash = await page.locator(tid('config-hash')).innerText();
    expect(trade.config_hash.startsWith(hash.trim()), `config hash ${hash} vs decision ${trade.config_hash}`);
  });

  // T2
  await step('Trading: the entry order fills into a position with its mark, PnL, event log and a PnL bar', ['/api/orders', '/api/positions', '/api/trades', '/api/pnl/daily'], async () => {
    const entry = page.locator(`${tid('order-row')}[data-intent="open"][data-state="filled"]`).first();
    await entry.waitFor({ timeout: 30_000 });
    const tag = await entry.getAttribute('data-tag');
    const apiOrder = await api(`/api/orders/${tag}`);
    expect(apiOrder.state === 'filled' && apiOrder.filled_quantity === apiOrder.quantity, `API order ${apiOrder.state} ${apiOrder.filled_quantity}/${apiOrder.quantity}`);
    const cells = (await entry.innerText()).replace(/\s+/g, ' ');
    expect(cells.includes(apiOrder.limit_price.toFixed(2)) && cells.includes(`${apiOrder.filled_quantity}/${apiOrder.quantity}`), `order row: ${cells}`);
    await page.locator(tid(`order-events-toggle-${tag}`)).click();
    const ev = page.locator(`${tid(`order-events-${tag}`)} ${tid('order-event-row')}`);
    await ev.first().waitFor();
    expect((await ev.count()) === apiOrder.events.length, `${await ev.count()} event rows for ${apiOrder.events.length}`);
    expect((await page.locator(`${tid(`order-events-${tag}`)} ${tid('order-event-row')}[data-to="filled"]`).count()) >= 1, 'no transition to filled in the log');
    // The position and its mark (marks every 5 s).
    tradeId = apiOrder.trade_id;
    expect(tradeId, 'filled order without a trade id');
    const pos = page.locator(`${tid('position-row')}[data-trade-id="${tradeId}"]`);
    await pos.waitFor({ timeout: 20_000 });
    const until = Date.now() + 20_000;
    let mid = '—';
    while (Date.now() < until && mid === '—') {
      mid = (await pos.locator('td[data-col="mid_debit"]').innerText()).trim();
      if (mid === '—') await sleep(500);
    }
    const close = (await pos.locator('td[data-col="close_debit"]').innerText()).trim();
    const unreal = (await pos.locator('td[data-col="unrealized_close"]').innerText()).trim();
    const credit = (await pos.locator('td[data-col="entry_credit"]').innerText()).trim();
    expect(/^\d+\.\d\d$/.test(mid) && /^\d+\.\d\d$/.test(close), `mark mid=${mid} close=${close}`);
    expect(/^[+-]?\$[\d,]+\.\d\d$/.test(unreal), `unrealized ${unreal}`);
    expect(Number(credit) === Number(apiOrder.avg_fill_price.toFixed(2)), `entry credit ${credit} vs fill ${apiOrder.avg_fill_price}`);
    expect((await pos.innerText()).includes('SPXW'), 'position legs');
    const tr = page.locator(`${tid('trade-row')}[data-id="${tradeId}"]`);
    await tr.waitFor();
    expect((await tr.getAttribute('data-status')) === 'open', 'trade not open');
    await waitState(page, 'section-pnl', ['ready']);
    await page.locator(`${tid('pnl-chart')}[data-state="ready"]`).waitFor();
    expect(Number(await attr(page, 'pnl-chart', 'data-days')) >= 1, 'PnL chart without days');
    expect((await page.locator(`${tid('pnl-chart')} svg path`).count()) > 3, 'PnL chart drew nothing');
    await shot(page, 'trading');
  });

  // T3
  await step('Trading: "Decide now" through the UI stores a manual decision and lists it with its reason', ['/api/admin/decide-now', '/api/decisions'], async () => {
    const before = (await api('/api/decisions')).items.length;
    await page.locator(tid('decide-now')).click();
    await page.locator(tid('confirm-dialog')).waitFor();
    await page.locator(tid('confirm-ok')).click();
    const res = page.locator(`${tid('decide-now-result')}, ${tid('admin-action-error')}`).first();
    await res.waitFor({ timeout: 15_000 });
    expect((await res.getAttribute('data-testid')) === 'decide-now-result', `decide now failed: ${(await res.innerText()).replace(/\s+/g, ' ').slice(0, 200)}`);
    const [action, reason] = [await res.getAttribute('data-action'), await res.getAttribute('data-reason')];
    const items = (await api('/api/decisions')).items;
    expect(items.length === before + 1, `${items.length} decisions after ${before}`);
    const d = items[0];
    expect(d.source === 'manual' && d.action === action && d.reason === reason, `API newest ${d.source} ${d.action} ${d.reason} vs UI ${action} ${reason}`);
    log(`decide now: ${action} ${reason} (${d.message})`);
    const row = page.locator(`${tid('decision-row')}[data-id="${d.decision_id}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect((await row.getAttribute('data-source')) === 'manual' && (await row.getAttribute('data-reason')) === reason, 'manual decision row');
    expect((await row.locator(tid('decision-reason')).innerText()).trim() === reason, 'reason code not shown');
  });

  // T4
  await step('Trading: kill switch on (with a reason) and off again, in the strip and in the API', ['/api/admin/kill-switch', '/api/trading/status'], async () => {
    for (const [next, reason] of [
      ['on', 'e2e: kill switch test'],
      ['off', ''],
    ]) {
      const toggle = page.locator(tid('kill-switch-toggle'));
      expect((await toggle.getAttribute('data-next')) === next, `toggle offers ${await toggle.getAttribute('data-next')}, wanted ${next}`);
      await toggle.click();
      await page.locator(tid('confirm-dialog')).waitFor();
      if (reason) await page.locator(tid('kill-switch-reason')).fill(reason);
      await page.locator(tid('confirm-ok')).click();
      const on = next === 'on';
      await page.locator(`${tid('status-kill-switch')}[data-on="${on}"]`).waitFor({ timeout: 10_000 });
      const st = await api('/api/trading/status');
      expect(st.kill_switch === on, `API kill_switch=${st.kill_switch}, wanted ${on}`);
      const blocked = await attr(page, 'status-entries', 'data-blocked');
      expect(blocked === String(st.entries_blocked) && (!on || blocked === 'true'), `entries blocked shown ${blocked}, API ${st.entries_blocked}`);
      if (on) await shot(page, 'trading-kill-switch');
    }
  });

  // T5
  await step('Trading: "Close" on the open trade exits it (manual) with an exit debit and realized PnL', ['/api/trades', '/api/orders'], async () => {
    expect(tradeId, 'no open trade from the previous step');
    await page.locator(tid(`close-trade-${tradeId}`)).click();
    await page.locator(tid('confirm-dialog')).waitFor();
    await page.locator(tid('confirm-ok')).click();
    const res = page.locator(`${tid('close-trade-result')}, ${tid('close-trade-error')}`).first();
    await res.waitFor({ timeout: 10_000 });
    expect((await res.getAttribute('data-testid')) === 'close-trade-result', `close failed: ${(await res.innerText()).replace(/\s+/g, ' ').slice(0, 200)}`);
    expect((await res.getAttribute('data-trade-id')) === tradeId, `close result for ${await res.getAttribute('data-trade-id')}`);
    const closedRow = page.locator(`${tid('trade-row')}[data-id="${tradeId}"][data-status="closed"]`);
    await closedRow.waitFor({ timeout: 30_000 });
    expect((await closedRow.getAttribute('data-exit-reason')) === 'manual', `exit reason ${await closedRow.getAttribute('data-exit-reason')}`);
    const t = (await api('/api/trades')).items.find((x) => x.id === tradeId);
    const pnl = (await closedRow.locator('td[data-col="pnl"]').innerText()).trim();
    const want = `${t.pnl.realized >= 0.005 ? '+' : t.pnl.realized <= -0.005 ? '-' : ''}$${Math.abs(t.pnl.realized).toFixed(2)}`;
    expect(pnl === want, `realized PnL shown ${pnl}, API ${t.pnl.realized}`);
    expect((await closedRow.innerText()).includes(t.exit_debit.toFixed(2)), 'exit debit not shown');
    await page.locator(`${tid('order-row')}[data-intent="close"][data-state="filled"]`).waitFor({ timeout: 10_000 });
    await waitState(page, 'section-positions', ['empty']);
    log(`closed ${tradeId}: entry ${t.entry_credit} exit ${t.exit_debit.toFixed(2)} realized ${t.pnl.realized.toFixed(2)}`);
    await shot(page, 'trading-closed');
  });

  // 9
  await step('overview shows key levels, source and age', ['/api/exposure/levels'], async () => {
    phase = 'overview';
    await clickNav(page, 'overview');
    await waitState(page, 'key-levels', ['ready']);
    for (const id of ['spot', 'gamma-flip', 'call-wall', 'put-wall', 'net-gex', 'regime']) {
      const v = (await page.locator(tid(`level-${id}`)).innerText()).trim();
      expect(v && v !== '—', `level ${id} is "${v}"`);
    }
    const net = await page.locator(tid('level-net-gex')).innerText();
    expect(/\$[\d.]+(bn|mm|k|tn)?$/.test(net.replace('-', '')), `net GEX not in $bn/$mm: ${net}`);
    const src = await page.locator(tid('source-label')).innerText();
    expect(/simulated|mock/.test(src), `source label: ${src}`);
    await waitState(page, 'levels-table', ['ready']);
    expect((await page.locator(tid('levels-row')).count()) >= 1, 'multi-symbol table has no rows');
    await shot(page, 'overview');
  });

  // 10
  const exposureUrl = '/exposure?symbol=SPX';
  await step('GEX by strike draws one call bar and one put bar per strike (SVG)', ['/api/exposure'], async () => {
    phase = 'exposure';
    await go(page, exposureUrl);
    await waitState(page, 'gex-by-strike', ['ready']);
    const chart = tid('gex-by-strike-chart');
    await page.locator(`${chart}[data-state="ready"]`).waitFor();
    const strikes = Number(await attr(page, 'gex-by-strike-chart', 'data-strikes'));
    const points = Number(await attr(page, 'gex-by-strike-chart', 'data-points'));
    const nonzero = Number(await attr(page, 'gex-by-strike-chart', 'data-nonzero-points'));
    expect(strikes > 0 && points === 2 * strikes, `strikes=${strikes} points=${points}`);
    // Bars are <path fill=color>; the legend adds one icon per series.
    const bars = (await countFill(page, 'gex-by-strike-chart', CALL_COLOR)) + (await countFill(page, 'gex-by-strike-chart', PUT_COLOR)) - 2;
    log(`GEX chart: ${strikes} strikes, ${nonzero} non-zero bars expected, ${bars} bars drawn`);
    expect(bars >= nonzero && bars <= points, `drew ${bars} bars for ${nonzero}..${points}`);
    const api = JSON.parse((await httpGet('/api/exposure?underlying=SPX&scope=all&strike_window_pct=10')).text);
    expect(api.strikes.length === strikes, `API has ${api.strikes.length} strikes, chart ${strikes}`);
    const markers = await page.locator(`${chart} svg text`).evaluateAll((ts) => ts.map((t) => t.textContent ?? ''));
    expect(markers.some((t) => /^Spot /.test(t)), `no spot marker line among ${markers.length} labels`);
  });

  // 11
  await step('switching views (net, absolute) and greeks (DEX) changes what is drawn', ['/api/exposure'], async () => {
    const chart = 'gex-by-strike-chart';
    const h0 = await svgHash(page, chart);
    const hashes = [h0];
    for (const [btn, attrName, val] of [
      ['view-net', 'data-view', 'net'],
      ['view-abs', 'data-view', 'abs'],
      ['metric-dex', 'data-metric', 'dex'],
    ]) {
      await page.locator(tid(btn)).click();
      await page.locator(`${tid(chart)}[${attrName}="${val}"]`).waitFor();
      await sleep(100);
      const h = await svgHash(page, chart);
      expect(!hashes.includes(h), `${btn}: the chart did not change`);
      hashes.push(h);
      expect(page.url().includes(val === 'dex' ? 'metric=dex' : `view=${val}`), `URL does not keep ${val}: ${page.url()}`);
    }
    expect(Number(await attr(page, chart, 'data-series')) === 1, 'single-series views should draw one series');
    await page.locator(tid('metric-gex')).click();
    await page.locator(tid('view-cp')).click();
    await page.locator(`${tid(chart)}[data-view="cp"][data-metric="gex"]`).waitFor();
  });

  // 12
  let chosenScope = null;
  await step('switching expiry scope and strike range changes what is drawn', ['/api/exposure', '/api/exposure/by-expiry'], async () => {
    const chart = 'gex-by-strike-chart';
    const before = await svgHash(page, chart);
    const beforeLabel = await attr(page, chart, 'data-scope');
    const beforeStrikes = await attr(page, chart, 'data-strikes');
    const values = await page.locator(`${tid('scope-select')} option`).evaluateAll((os) => os.map((o) => o.value));
    chosenScope = values.find((v) => v.startsWith('expiration:')) ?? values.find((v) => v.startsWith('bucket:')) ?? '0dte';
    await page.locator(tid('scope-select')).selectOption(chosenScope);
    await page.waitForURL((u) => u.searchParams.get('scope') === chosenScope);
    await waitState(page, 'gex-by-strike', ['ready', 'empty']);
    await page.locator(`${tid(chart)}:not([data-scope="${beforeLabel}"])`).waitFor({ timeout: 10_000 });
    expect((await svgHash(page, chart)) !== before, `scope ${chosenScope}: chart unchanged`);
    const wide = Number(await attr(page, chart, 'data-strikes'));
    await page.locator(tid('window-select')).selectOption('2');
    await page.locator(`${tid(chart)}:not([data-strikes="${wide}"])`).waitFor({ timeout: 10_000 });
    const narrow = Number(await attr(page, chart, 'data-strikes'));
    expect(narrow < wide, `±2% window drew ${narrow} strikes vs ${wide}`);
    await page.locator(tid('window-select')).selectOption('10');
    await page.locator(tid('scope-select')).selectOption('all');
    // Back to all expirations at ±10%: the chart returns to what it drew first.
    await page.locator(`${tid(chart)}[data-scope="${beforeLabel}"][data-strikes="${beforeStrikes}"]`).waitFor({ timeout: 10_000 });
  });

  // 13
  await step('profile (regime shading), GEX by expiration and heatmap draw', ['/api/exposure/profile', '/api/exposure/by-expiry', '/api/exposure/heatmap'], async () => {
    for (const [boundary, chart] of [
      ['profile', 'profile-chart'],
      ['by-expiry', 'by-expiry-chart'],
      ['heatmap', 'heatmap-chart'],
    ]) {
      await waitState(page, boundary, ['ready']);
      await page.locator(`${tid(chart)}[data-state="ready"]`).waitFor();
      const paths = await page.locator(`${tid(chart)} svg path`).count();
      expect(paths > 5, `${chart} drew only ${paths} paths`);
    }
    expect(Number(await attr(page, 'profile-chart', 'data-areas')) >= 1, 'profile has no regime areas');
    expect(Number(await attr(page, 'heatmap-chart', 'data-cells')) > 0, 'heatmap has no cells');
    await shot(page, 'exposure');
  });

  // 14
  await step('CSV download of what is shown', ['/api/exposure'], async () => {
    const href = await page.locator(tid('csv-download')).getAttribute('href');
    expect(href && href.includes('format=csv'), `href ${href}`);
    const r = await httpGet(href.replace(/^https?:\/\/[^/]+/, ''));
    expect(r.status === 200, `CSV: HTTP ${r.status} ${r.text.slice(0, 120)}`);
    expect(/csv/.test(r.type) && /strike/i.test(r.text.split('\n')[0]), `CSV: ${r.type} ${r.text.slice(0, 80)}`);
  });

  // 15
  await step('OI & volume: charts, top-strike tabs and max |net GEX| strike', ['/api/exposure'], async () => {
    phase = 'oi';
    await clickNav(page, 'oi');
    await waitState(page, 'oi-volume', ['ready']);
    for (const c of ['oi-chart', 'volume-chart']) {
      await page.locator(`${tid(c)}[data-state="ready"]`).waitFor();
      expect(Number(await attr(page, c, 'data-nonzero-points')) > 0, `${c} has no bars`);
    }
    const m = await page.locator(tid('max-abs-gex-strike')).innerText();
    expect(/\d/.test(m), `max |net GEX| strike: ${m}`);
    for (const t of ['volume', 'pc', 'oi']) {
      await page.locator(tid(`top-tab-${t}`)).click();
      await page.locator(`${tid('top-table')}, ${tid('top-table-empty')}`).first().waitFor();
    }
    expect((await page.locator(`${tid('top-table')} tbody tr`).count()) > 0, 'no top strikes by OI');
    await shot(page, 'oi');
  });

  // 16
  await step('chain table sorts (strike, IV) both ways', ['/api/chain'], async () => {
    phase = 'chain';
    await clickNav(page, 'chain');
    await waitState(page, 'chain', ['ready']);
    await page.locator(tid('chain-near')).selectOption('0');
    const rows = await page.locator(tid('chain-row')).count();
    expect(rows > 1, `${rows} rows`);
    const col = async (k) =>
      page.locator(`${tid('chain-row')} td[data-col="${k}"]`).evaluateAll((tds) => tds.map((t) => t.getAttribute('data-value')));
    const nums = (a) => a.filter((x) => x !== '').map(Number);
    const sorted = (a, dir) => a.every((x, i) => i === 0 || (dir === 'asc' ? a[i - 1] <= x : a[i - 1] >= x));
    for (const [k, dirs] of [
      ['strike', ['desc', 'asc']], // strike is the initial ascending sort: first click flips it
      ['iv', ['asc', 'desc']],
    ]) {
      for (const dir of dirs) {
        await page.locator(tid(`sort-${k}`)).click();
        await page.locator(`${tid('chain-table')}[data-sort-key="${k}"][data-sort-dir="${dir}"]`).waitFor();
        const v = nums(await col(k));
        expect(v.length > 1 && sorted(v, dir), `${k} ${dir}: ${v.slice(0, 6).join(',')}…`);
      }
    }
    const first = await page.locator(`${tid('chain-row')} td[data-col="iv"]`).first().innerText();
    expect(/%$/.test(first), `IV not shown as %: ${first}`);
    await shot(page, 'chain');
  });

  // 17
  await step('the URL keeps symbol, scope, view and page (bookmark + reload + back)', [], async () => {
    phase = 'url';
    const scope = chosenScope ?? 'bucket:5';
    await go(page, `/exposure?symbol=SPX&scope=${scope}&view=abs&window=5`);
    await page.locator(`${tid('view-abs')}[aria-pressed="true"]`).waitFor();
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.locator(`${tid('view-abs')}[aria-pressed="true"]`).waitFor();
    const sel = await page.locator(tid('scope-select')).inputValue();
    expect(sel === scope, `scope select shows ${sel}, URL had ${scope}`);
    expect((await page.locator(tid('window-select')).inputValue()) === '5', 'strike window lost');
    await clickNav(page, 'oi');
    expect(new URL(page.url()).searchParams.get('scope') === scope, `scope lost on page change: ${page.url()}`);
    await page.goBack();
    await page.locator(tid('page-exposure')).waitFor();
    await page.locator(tid('symbol-select')).selectOption('__custom');
    await page.locator(tid('symbol-custom')).fill('rut');
    await page.locator(tid('symbol-custom')).press('Enter');
    await page.waitForURL((u) => u.searchParams.get('symbol') === 'RUT');
    await page.locator(tid('symbol-select')).selectOption('SPX');
    await page.waitForURL((u) => u.searchParams.get('symbol') === 'SPX');
  });

  // 18
  await step('dark/light theme toggle re-themes the page and is remembered', [], async () => {
    phase = 'theme';
    await go(page, '/overview?symbol=SPX');
    const before = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.locator(tid('theme-toggle')).click();
    const after = await page.evaluate(() => document.documentElement.dataset.theme);
    expect(before !== after && ['dark', 'light'].includes(after), `${before} -> ${after}`);
    await page.reload({ waitUntil: 'domcontentloaded' });
    expect((await page.evaluate(() => document.documentElement.dataset.theme)) === after, 'theme not remembered');
    await page.locator(`${tid('key-levels')}:not([data-state="loading"])`).waitFor();
    await shot(page, `overview-${after}`);
    await page.locator(tid('theme-toggle')).click();
  });

  // 19
  await step('phone layout (390 px): no sideways scrolling, all pages render', [], async () => {
    phase = 'phone';
    const phone = await state.context.newPage();
    watch(phone);
    await phone.setViewportSize({ width: 390, height: 844 });
    for (const p of ['overview', 'exposure', 'chain', 'snapshots', 'trading']) {
      await phone.goto(`${base()}/${p}?symbol=SPX`, { waitUntil: 'domcontentloaded' });
      await phone.locator(tid(`page-${p}`)).waitFor();
      await sleep(p === 'exposure' ? 800 : 300);
      const w = await phone.evaluate(() => document.documentElement.scrollWidth);
      expect(w <= 392, `${p}: page is ${w} px wide on a 390 px screen`);
      await shot(phone, `phone-${p}`);
    }
    await phone.close();
  });

  // 20
  await step('API goes away: the page shows an error state and stays usable', [], async () => {
    phase = 'outage';
    await go(page, '/overview?symbol=SPX');
    await page.locator(`${tid('api-status')}[data-status="online"]`).waitFor();
    // The chart pages' code is fetched while idle after start-up; opening one later must work
    // while the service (which also serves those files) is down.
    await page.locator(`${tid('app')}[data-prefetched="true"]`).waitFor({ timeout: 10_000 });
    state.outage = true;
    await stopService();
    await page.locator(tid('refresh-now')).click();
    await page.locator(`${tid('api-status')}[data-status="offline"]`).waitFor({ timeout: 15_000 });
    await page.locator(tid('api-offline-banner')).waitFor();
    await waitState(page, 'key-levels', ['stale', 'error'], 15_000);
    await clickNav(page, 'exposure'); // navigation still works without the API
    await page.locator(`${tid('gex-by-strike')}[data-state="error"], ${tid('gex-by-strike')}[data-state="stale"], ${tid('gex-by-strike')}[data-state="not-available"]`).first().waitFor({ timeout: 15_000 });
    await shot(page, 'api-down');
    await clickNav(page, 'overview');
  });

  // 21
  await step('API comes back: the page recovers by itself and shows data again', ['/api/exposure/levels'], async () => {
    phase = 'recovery';
    await startService();
    await page.locator(`${tid('api-status')}[data-status="online"]`).waitFor({ timeout: 20_000 });
    state.outage = false;
    await waitState(page, 'key-levels', ['ready'], 15_000);
    expect((await page.locator(tid('api-offline-banner')).count()) === 0, 'offline banner still shown');
    const spot = await page.locator(tid('level-spot')).innerText();
    expect(spot !== '—', 'no spot after recovery');
    await shot(page, 'api-back');
  });

  // 22
  await step('no console errors', [], async () => {
    expect(consoleProblems.length === 0, `${consoleProblems.length}: ${consoleProblems.slice(0, 3).join(' | ')}`);
  });

  return { bundle, firstLoadMs };
}

// ---------- run ----------

let exitCode = 1;
const deadline = setTimeout(async () => {
  log(`FAIL global deadline of ${DEADLINE_S} s reached; stopping everything`);
  results.push({ name: 'finished within the deadline', ok: false, why: `${DEADLINE_S} s` });
  await cleanup();
  summary();
  process.exit(1);
}, DEADLINE_S * 1000);

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    log(`${sig}: cleaning up`);
    await cleanup();
    process.exit(130);
  });
}

function summary() {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log('');
  console.log(`dashboard e2e${MOCK ? ' (MOCK API)' : ''}: wall time ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${path.relative(ROOT, OUT)}/`);
  if (missingRoutes.size) console.log(`routes missing on the server: ${[...missingRoutes].join(', ')}`);
  for (const r of results.filter((x) => !x.ok)) console.log(`  failed: ${r.name} — ${r.why}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}

try {
  const info = await main();
  if (info) log(`bundle: ${(info.bundle.js / 1024).toFixed(1)} kB JS gzip; first load ${info.firstLoadMs} ms`);
} catch (e) {
  log(`FAIL set-up: ${e?.stack ?? e}`);
  results.push({ name: 'set-up', ok: false, why: e?.message ?? String(e) });
} finally {
  await cleanup();
  clearTimeout(deadline);
  const failed = summary();
  exitCode = failed === 0 && results.length > 0 ? 0 : 1;
}
process.exit(exitCode);
