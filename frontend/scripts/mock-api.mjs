#!/usr/bin/env node
// DEVELOPMENT ONLY: a stand-in for the gammadesk API with the documented response shapes and
// synthetic numbers, so the dashboard can be worked on (and the e2e script itself debugged with
// `--mock`) before the real endpoints exist. Never used by `make test`; the real browser test runs
// against build/bin/gammadesk. Everything it returns is labelled provider "mock".
//   node frontend/scripts/mock-api.mjs --port 18700 [--static frontend/dist] [--admin-key KEY]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const PORT = Number(args.port ?? 18700);
const STATIC = args.static ? path.resolve(args.static) : null;
const ADMIN_KEY = args['admin-key'] ?? null;

// --state FILE keeps the stored snapshots across a restart (like the real service's database).
const STATE = args.state ?? null;
const snapshots = STATE && fs.existsSync(STATE) ? JSON.parse(fs.readFileSync(STATE, 'utf8')) : [];
let nextId = snapshots.length + 1;
const day = 86_400_000;
const today = new Date();
const ymd = (d) => d.toISOString().slice(0, 10);
const expirations = [0, 1, 3, 5, 7, 14, 28].map((n) => ymd(new Date(today.getTime() + n * day)));
const spot = 5803.25;
const strikes = [];
for (let k = 5500; k <= 6100; k += 5) strikes.push(k);

function strikeRow(k, expIdx = -1) {
  const w = expIdx < 0 ? 1 : 1 / (1 + expIdx);
  const g = Math.exp(-(((k - spot) / 60) ** 2));
  const call = k % 50 === 0 ? 9e8 * g * w + 1e8 * w : 3e8 * g * w;
  const put = -(k % 25 === 0 ? 8e8 : 2.5e8) * Math.exp(-(((k - spot + 40) / 70) ** 2)) * w;
  const coi = Math.round(4000 * g + (k % 50 === 0 ? 3000 : 200));
  const poi = Math.round(5000 * Math.exp(-(((k - spot + 60) / 90) ** 2)) + (k % 50 === 0 ? 2500 : 150));
  return {
    strike: k,
    call_gex: call,
    put_gex: put,
    net_gex: call + put,
    abs_gex: Math.abs(call) + Math.abs(put),
    call_oi: coi,
    put_oi: poi,
    call_volume: Math.round(coi / 3),
    put_volume: Math.round(poi / 2.5),
    dex: (coi - poi) * 5800 * 0.5,
    vex: (call + put) * 0.02,
    cex: (call - put) * 0.001,
  };
}

function inWindow(pct) {
  return strikes.filter((k) => Math.abs(k - spot) <= (spot * pct) / 100);
}

function scopeExpirations(scope) {
  if (!scope || scope === 'all') return expirations;
  if (scope === '0dte') return expirations.slice(0, 1);
  if (scope === 'opex') return expirations.slice(-1);
  const m = /^(bucket|max_dte):(\d+)$/.exec(scope);
  if (m) return expirations.filter((_, i) => [0, 1, 3, 5, 7, 14, 28][i] <= Number(m[2]));
  const e = /^expiration:(.+)$/.exec(scope);
  if (e) return expirations.filter((x) => x === e[1]);
  return null;
}

function latest() {
  return snapshots[snapshots.length - 1];
}

function levels(u) {
  const s = latest();
  return {
    underlying: u,
    snapshot_id: s.snapshot_id,
    as_of: s.ts,
    provider: 'mock',
    spot,
    gamma_flip: 5771.4,
    gamma_flips: [5771.4],
    regime: 'positive',
    net_gex: 2.1e9,
    call_wall: 5850,
    put_wall: 5750,
    call_wall_unconstrained: 5850,
    put_wall_unconstrained: 5700,
    call_oi_wall: 5800,
    put_oi_wall: 5750,
    max_abs_net_gex_strike: 5800,
    abs_gamma_strike: 5800,
    max_pain: 5790,
    atm_iv: 0.142,
    expected_move: 48.2,
  };
}

const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const err = (res, status, code, message) => json(res, status, { error: { code, message } });

function serveStatic(res, p) {
  if (!STATIC) return false;
  let file = path.join(STATIC, p === '/' ? 'index.html' : p);
  if (!file.startsWith(STATIC)) return false;
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    if (path.extname(p)) return false;
    file = path.join(STATIC, 'index.html');
  }
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
  res.end(fs.readFileSync(file));
  return true;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const p = url.pathname;
  const q = url.searchParams;
  const u = (q.get('underlying') ?? 'SPX').toUpperCase();
  const needData = () => {
    if (!snapshots.length) {
      err(res, 404, 'no_snapshot', `no snapshot for ${u} yet`);
      return true;
    }
    return false;
  };
  if (p === '/api/info') {
    return json(res, 200, {
      service: 'gammadesk-mock',
      version: '0.0.0',
      git_sha: 'mock000000000',
      started_at: new Date().toISOString(),
      provider: 'mock',
      underlying: 'SPX',
      snapshot_interval_minutes: 5,
      snapshot_dte_targets: [3, 5, 7],
      admin_key_required: ADMIN_KEY !== null,
    });
  }
  if (p === '/api/admin/run-snapshot' && req.method === 'POST') {
    const key = req.headers['x-api-key'];
    if (ADMIN_KEY !== null && !key) return err(res, 401, 'unauthorized', 'this endpoint needs the X-API-Key header');
    if (ADMIN_KEY !== null && key !== ADMIN_KEY) return err(res, 401, 'unauthorized', 'the X-API-Key header does not match ADMIN_API_KEY');
    const ts = new Date().toISOString();
    const inserted = [3, 5, 7].map((t, i) => {
      const row = {
        snapshot_id: nextId++,
        ts,
        underlying: 'SPX',
        target_dte: t,
        expiration: expirations[2 + i],
        checksum: `${'abcdef0123456789'.repeat(4)}`.slice(0, 64),
        provider: 'mock',
        actual_dte_days: t,
        kind: 'target',
        contract_count: strikes.length * 2,
        spot,
      };
      snapshots.push(row);
      return { target_dte: t, expiration: row.expiration, actual_dte_days: t, checksum: row.checksum, snapshot_id: row.snapshot_id };
    });
    if (STATE) fs.writeFileSync(STATE, JSON.stringify(snapshots));
    return json(res, 200, { skipped: false, reason: null, now_et: ts, inserted });
  }
  if (p === '/api/chain-snapshots') {
    const items = snapshots.filter((s) => !q.get('underlying') || s.underlying === u).slice().reverse();
    return json(res, 200, { items: items.slice(0, Number(q.get('limit') ?? 50)), next_cursor: null });
  }
  const v = /^\/api\/chain-snapshots\/(\d+)\/verify$/.exec(p);
  if (v) {
    const s = snapshots.find((x) => x.snapshot_id === Number(v[1]));
    if (!s) return err(res, 404, 'not_found', 'no such snapshot');
    return json(res, 200, { ok: true, snapshot_id: s.snapshot_id, stored_checksum: s.checksum, computed_checksum: s.checksum });
  }
  if (p === '/api/realized-vol') return json(res, 200, { underlying: u, rv_1h: 0.11, rv_1d: 0.127, as_of: new Date().toISOString(), bars: 390 });
  if (p === '/api/exposure/levels') {
    if (needData()) return;
    return json(res, 200, { items: (q.get('underlying') ?? 'SPX').split(',').filter((x) => x === 'SPX').map(levels) });
  }
  if (p === '/api/exposure') {
    if (needData()) return;
    const scope = q.get('scope') ?? 'all';
    const exps = scopeExpirations(scope);
    if (!exps) return err(res, 400, 'bad_request', `bad scope '${scope}'`);
    const pct = Number(q.get('strike_window_pct') ?? 10);
    const f = exps.length === expirations.length ? 1 : exps.length / expirations.length;
    const rows = inWindow(pct).map((k) => {
      const r = strikeRow(k);
      for (const key of Object.keys(r)) if (key !== 'strike') r[key] = r[key] * f;
      return r;
    });
    let cum = 0;
    for (const r of rows) r.cum_net_gex = cum += r.net_gex;
    const sum = (k) => rows.reduce((n, r) => n + r[k], 0);
    if (q.get('format') === 'csv') {
      res.writeHead(200, { 'content-type': 'text/csv' });
      return res.end(['strike,call_gex,put_gex,net_gex', ...rows.map((r) => `${r.strike},${r.call_gex},${r.put_gex},${r.net_gex}`)].join('\n'));
    }
    const top = (k) => [...rows].sort((a, b) => b[k] - a[k]).slice(0, 10).map((r) => ({ strike: r.strike, call_oi: r.call_oi, put_oi: r.put_oi, total: r[k] }));
    return json(res, 200, {
      underlying: u,
      snapshot_id: latest().snapshot_id,
      provider: 'mock',
      as_of: latest().ts,
      spot,
      parameters: { strike_window_pct: pct },
      scope: { kind: scope.split(':')[0], label: scope, expirations: exps },
      totals: Object.fromEntries(['call_gex', 'put_gex', 'net_gex', 'abs_gex', 'dex', 'vex', 'cex', 'call_oi', 'put_oi', 'call_volume', 'put_volume'].map((k) => [k, sum(k)])),
      levels: levels(u),
      strikes: rows,
      top: {
        by_oi: top('call_oi'),
        by_volume: top('call_volume'),
        by_pc_ratio: rows.slice(0, 10).map((r) => ({ strike: r.strike, pc_ratio: r.put_oi / r.call_oi })),
      },
    });
  }
  if (p === '/api/exposure/profile') {
    if (needData()) return;
    const lv = [];
    for (let x = spot * 0.9; x <= spot * 1.1; x += spot * 0.004) lv.push({ price: x, gex: (x - 5771.4) * 4e7 - ((x - spot) / 100) ** 2 * 1e9, dex: 0 });
    return json(res, 200, { spot, levels: lv, gamma_flip: 5771.4, gamma_flips: [5771.4] });
  }
  if (p === '/api/exposure/by-expiry') {
    if (needData()) return;
    return json(res, 200, {
      items: expirations.map((e, i) => ({
        expiration: e,
        dte: [0, 1, 3, 5, 7, 14, 28][i],
        settlement: 'PM',
        call_gex: 9e8 / (i + 1),
        put_gex: -6e8 / (i + 1),
        net_gex: 3e8 / (i + 1),
        abs_gex: 1.5e9 / (i + 1),
        dex: 1e8,
        vex: 1e7,
        cex: 1e6,
        call_oi: 10000,
        put_oi: 12000,
        call_volume: 4000,
        put_volume: 5000,
        atm_iv: 0.13 + i * 0.005,
        expected_move_straddle: 20 + i * 8,
        expected_move_sigma: 19 + i * 8,
        skew_25d: 0.04,
        max_pain: 5790,
        quality: { grade: i === 6 ? 'degraded' : 'ok', liquid_strikes: 80, reason: i === 6 ? 'few liquid strikes' : null },
      })),
    });
  }
  if (p === '/api/exposure/heatmap') {
    if (needData()) return;
    const ks = inWindow(3);
    return json(res, 200, {
      metric: q.get('metric') ?? 'net_gex',
      expirations,
      strikes: ks,
      values: expirations.map((_, i) => ks.map((k) => strikeRow(k, i).net_gex)),
    });
  }
  if (p === '/api/chain') {
    if (needData()) return;
    const items = [];
    for (const e of expirations.slice(0, 3)) {
      for (const k of inWindow(4)) {
        for (const t of ['C', 'P']) {
          const mny = (k - spot) / spot;
          const iv = 0.14 - mny * 0.8 + (t === 'P' ? 0.002 : 0);
          const mid = Math.max(0.05, t === 'C' ? Math.max(0, spot - k) + 15 * Math.exp(-((mny * 40) ** 2)) : Math.max(0, k - spot) + 15 * Math.exp(-((mny * 40) ** 2)));
          items.push({
            occ_symbol: `SPXW${e.replace(/-/g, '').slice(2)}${t}${String(k * 1000).padStart(8, '0')}`,
            root: 'SPXW',
            expiration: e,
            strike: k,
            type: t,
            bid: Math.round((mid - 0.1) * 20) / 20,
            ask: Math.round((mid + 0.1) * 20) / 20,
            mid,
            last: mid,
            volume: (k * 7) % 1000,
            open_interest: (k * 13) % 5000,
            iv,
            delta: t === 'C' ? 0.5 - mny * 10 : -0.5 - mny * 10,
            gamma: 0.004 * Math.exp(-((mny * 30) ** 2)),
            vega: 2,
            theta: -5,
            vendor_iv: iv + 0.001,
            vendor_delta: null,
            vendor_gamma: null,
            flags: k % 100 === 0 ? ['wide_spread'] : [],
          });
        }
      }
    }
    return json(res, 200, { snapshot_id: latest().snapshot_id, underlying: u, as_of: latest().ts, spot, items });
  }
  if (p.startsWith('/api/') || p === '/api') return err(res, 404, 'not_found', `no route for ${req.method} ${p}`);
  if (req.method === 'GET' && serveStatic(res, p)) return;
  return err(res, 404, 'not_found', `no route for ${req.method} ${p}`);
});

server.listen(PORT, '127.0.0.1', () => console.log(`mock api on http://127.0.0.1:${PORT}/`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
