// Data shaping for the charts and tables: pure functions from API payloads to chart series, so
// they can be unit-tested without a browser.
import type { ExpiryRow, Heatmap, Levels, Profile, StrikeRow } from './api';
import { isNum } from './format';
import type { GexView, Metric } from './urlState';

export const COLORS = {
  call: '#22a06b',
  put: '#e5484d',
  netPos: '#3b82f6',
  netNeg: '#f59e0b',
  abs: '#8b5cf6',
  spot: '#9ca3af',
  flip: '#eab308',
  callWall: '#16a34a',
  putWall: '#dc2626',
} as const;

export interface XYSeries {
  name: string;
  color: string;
  /** [x, y] pairs; x is the strike (or price). */
  data: [number, number][];
  /** Per-point colours (net view: sign-coloured bars). */
  pointColors?: string[];
}

const num = (v: unknown): number => (isNum(v) ? v : 0);

/** Bars by strike for one of the three GEX views, or a greek exposure (DEX/VEX/CEX). */
export function buildStrikeSeries(strikes: StrikeRow[], view: GexView, metric: Metric): XYSeries[] {
  const rows = [...strikes].filter((r) => isNum(r.strike)).sort((a, b) => a.strike - b.strike);
  if (metric !== 'gex') {
    const label = metric.toUpperCase();
    const vals = rows.map((r) => num(r[metric]));
    if (view === 'abs') {
      return [{ name: `|${label}|`, color: COLORS.abs, data: rows.map((r, i) => [r.strike, Math.abs(vals[i])]) }];
    }
    return [
      {
        name: label,
        color: COLORS.netPos,
        data: rows.map((r, i) => [r.strike, vals[i]]),
        pointColors: vals.map((v) => (v >= 0 ? COLORS.netPos : COLORS.netNeg)),
      },
    ];
  }
  if (view === 'cp') {
    return [
      { name: 'Call GEX', color: COLORS.call, data: rows.map((r) => [r.strike, Math.abs(num(r.call_gex))]) },
      // Puts are drawn downwards whatever sign convention the server uses for put_gex.
      { name: 'Put GEX', color: COLORS.put, data: rows.map((r) => [r.strike, -Math.abs(num(r.put_gex))]) },
    ];
  }
  if (view === 'net') {
    const vals = rows.map((r) => num(r.net_gex));
    return [
      {
        name: 'Net GEX',
        color: COLORS.netPos,
        data: rows.map((r, i) => [r.strike, vals[i]]),
        pointColors: vals.map((v) => (v >= 0 ? COLORS.netPos : COLORS.netNeg)),
      },
    ];
  }
  return [{ name: '|GEX|', color: COLORS.abs, data: rows.map((r) => [r.strike, Math.abs(num(r.abs_gex))]) }];
}

/** Calls up, puts down: OI or volume by strike. */
export function buildOiSeries(strikes: StrikeRow[], what: 'oi' | 'volume'): XYSeries[] {
  const rows = [...strikes].filter((r) => isNum(r.strike)).sort((a, b) => a.strike - b.strike);
  const c = what === 'oi' ? 'call_oi' : 'call_volume';
  const p = what === 'oi' ? 'put_oi' : 'put_volume';
  const label = what === 'oi' ? 'OI' : 'volume';
  return [
    { name: `Call ${label}`, color: COLORS.call, data: rows.map((r) => [r.strike, num(r[c])]) },
    { name: `Put ${label}`, color: COLORS.put, data: rows.map((r) => [r.strike, -num(r[p])]) },
  ];
}

/** Points that a bar chart will actually draw with a visible height. */
export function nonZeroPoints(series: XYSeries[]): number {
  return series.reduce((n, s) => n + s.data.filter(([, y]) => y !== 0).length, 0);
}

export interface MarkerLine {
  name: string;
  value: number;
  color: string;
}

/** Vertical marker lines: spot, gamma flip, call wall, put wall (the ones that exist). */
export function markerLines(levels: Partial<Levels> | undefined, spot: number | null | undefined): MarkerLine[] {
  const out: MarkerLine[] = [];
  const add = (name: string, v: unknown, color: string) => {
    if (isNum(v)) out.push({ name, value: v, color });
  };
  add('Spot', spot ?? levels?.spot, COLORS.spot);
  add('Flip', levels?.gamma_flip, COLORS.flip);
  add('Call wall', levels?.call_wall, COLORS.callWall);
  add('Put wall', levels?.put_wall, COLORS.putWall);
  return out;
}

export interface RegimeArea {
  from: number;
  to: number;
  regime: 'positive' | 'negative';
}

/**
 * Contiguous price ranges where the profile's GEX keeps one sign, with boundaries at the linearly
 * interpolated zero crossings (the flips), for shading the profile chart.
 */
export function regimeAreas(levels: Profile['levels']): RegimeArea[] {
  const pts = levels.filter((p) => isNum(p.price) && isNum(p.gex)).sort((a, b) => a.price - b.price);
  if (pts.length === 0) return [];
  const out: RegimeArea[] = [];
  const sign = (g: number): 'positive' | 'negative' => (g >= 0 ? 'positive' : 'negative');
  let start = pts[0].price;
  let cur = sign(pts[0].gex);
  for (let i = 1; i < pts.length; i++) {
    const s = sign(pts[i].gex);
    if (s !== cur) {
      const a = pts[i - 1];
      const b = pts[i];
      const x = a.gex === b.gex ? b.price : a.price + ((0 - a.gex) * (b.price - a.price)) / (b.gex - a.gex);
      out.push({ from: start, to: x, regime: cur });
      start = x;
      cur = s;
    }
  }
  out.push({ from: start, to: pts[pts.length - 1].price, regime: cur });
  return out;
}

export interface ExpirySeries {
  categories: string[];
  call: number[];
  put: number[];
  net: number[];
}

export function buildExpirySeries(items: ExpiryRow[]): ExpirySeries {
  const rows = [...items].sort((a, b) => a.expiration.localeCompare(b.expiration));
  return {
    categories: rows.map((r) => `${r.expiration} (${r.dte}d)`),
    call: rows.map((r) => Math.abs(num(r.call_gex))),
    put: rows.map((r) => -Math.abs(num(r.put_gex))),
    net: rows.map((r) => num(r.net_gex)),
  };
}

export interface HeatmapShape {
  xLabels: string[];
  yLabels: string[];
  data: [number, number, number][];
  maxAbs: number;
}

/** values[i][j] may be indexed [expiration][strike] or [strike][expiration]; both are accepted. */
export function buildHeatmap(h: Heatmap): HeatmapShape {
  const nx = h.expirations.length;
  const ny = h.strikes.length;
  const byExpiry = h.values.length === nx && (h.values[0]?.length ?? 0) === ny;
  const data: [number, number, number][] = [];
  let maxAbs = 0;
  for (let x = 0; x < nx; x++) {
    for (let y = 0; y < ny; y++) {
      const v = byExpiry ? h.values[x]?.[y] : h.values[y]?.[x];
      if (!isNum(v)) continue;
      data.push([x, y, v]);
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
  }
  return {
    xLabels: h.expirations,
    yLabels: h.strikes.map((s) => String(s)),
    data,
    maxAbs: maxAbs || 1,
  };
}

export type SortDir = 'asc' | 'desc';

/** Stable sort by a field; missing values always go last whatever the direction. */
export function sortRows<T>(rows: readonly T[], key: keyof T & string, dir: SortDir): T[] {
  const mul = dir === 'asc' ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const x = a.r[key] as unknown;
      const y = b.r[key] as unknown;
      const xm = x === null || x === undefined || (typeof x === 'number' && !Number.isFinite(x));
      const ym = y === null || y === undefined || (typeof y === 'number' && !Number.isFinite(y));
      if (xm || ym) return xm === ym ? a.i - b.i : xm ? 1 : -1;
      let c: number;
      if (typeof x === 'number' && typeof y === 'number') c = x - y;
      else c = String(x).localeCompare(String(y));
      return c !== 0 ? c * mul : a.i - b.i;
    })
    .map((e) => e.r);
}

export interface Freshness {
  ageMs: number;
  stale: boolean;
}

/** A snapshot is stale when it is older than two snapshot intervals. */
export function freshness(asOf: string | null | undefined, nowMs: number, intervalMinutes: number | undefined): Freshness | null {
  if (!asOf) return null;
  const t = Date.parse(asOf);
  if (Number.isNaN(t)) return null;
  const ageMs = Math.max(0, nowMs - t);
  const interval = isNum(intervalMinutes) && intervalMinutes > 0 ? intervalMinutes : 5;
  return { ageMs, stale: ageMs > 2 * interval * 60_000 };
}

/** How the data source is described to a trader. */
export function sourceLabel(provider: string | null | undefined): string {
  switch ((provider ?? '').toLowerCase()) {
    case 'simulated':
    case 'sim':
      return 'simulated';
    case 'cboe':
      return 'CBOE, delayed 15 min';
    case 'tradier':
      return 'Tradier';
    case 'databento':
      return 'Databento OPRA';
    case 'replay':
      return 'replay';
    case '':
      return 'unknown';
    default:
      return provider as string;
  }
}

/** Columns for a generic table of records: the union of keys in first-seen order. */
export function columnsOf(rows: Record<string, unknown>[], max = 14): string[] {
  const seen: string[] = [];
  for (const r of rows.slice(0, 50)) {
    for (const k of Object.keys(r)) if (!seen.includes(k)) seen.push(k);
  }
  return seen.slice(0, max);
}
