import { describe, expect, it } from 'vitest';
import type { StrikeRow } from '../../src/lib/api';
import {
  buildExpirySeries,
  buildHeatmap,
  buildOiSeries,
  buildStrikeSeries,
  columnsOf,
  COLORS,
  freshness,
  markerLines,
  nonZeroPoints,
  regimeAreas,
  sortRows,
  sourceLabel,
} from '../../src/lib/series';
import { strikeBarOption } from '../../src/lib/chartOptions';

const row = (strike: number, call: number, put: number, extra: Partial<StrikeRow> = {}): StrikeRow => ({
  strike,
  call_gex: call,
  put_gex: put,
  net_gex: call + put,
  abs_gex: Math.abs(call) + Math.abs(put),
  call_oi: 100,
  put_oi: 200,
  call_volume: 10,
  put_volume: 0,
  dex: -5,
  vex: 7,
  cex: 0,
  ...extra,
});

const strikes = [row(5810, 3e8, -1e8), row(5800, 5e8, -6e8), row(5790, 0, -2e8)];

describe('GEX by strike series', () => {
  it('calls vs puts: calls up, puts down, sorted by strike, whatever the put sign convention', () => {
    const s = buildStrikeSeries(strikes, 'cp', 'gex');
    expect(s.map((x) => x.name)).toEqual(['Call GEX', 'Put GEX']);
    expect(s[0].data).toEqual([
      [5790, 0],
      [5800, 5e8],
      [5810, 3e8],
    ]);
    expect(s[1].data.map(([, y]) => y)).toEqual([-2e8, -6e8, -1e8]);
    const positivePuts = buildStrikeSeries([row(5800, 1, 0, { put_gex: 4 })], 'cp', 'gex');
    expect(positivePuts[1].data[0][1]).toBe(-4);
  });
  it('net view colours bars by sign', () => {
    const s = buildStrikeSeries(strikes, 'net', 'gex');
    expect(s).toHaveLength(1);
    expect(s[0].data.map(([, y]) => y)).toEqual([-2e8, -1e8, 2e8]);
    expect(s[0].pointColors).toEqual([COLORS.netNeg, COLORS.netNeg, COLORS.netPos]);
  });
  it('absolute view', () => {
    const s = buildStrikeSeries(strikes, 'abs', 'gex');
    expect(s[0].data.map(([, y]) => y)).toEqual([2e8, 1.1e9, 4e8]);
  });
  it('DEX/VEX/CEX toggles use the per-strike greek exposure', () => {
    expect(buildStrikeSeries(strikes, 'cp', 'dex')[0].data.map(([, y]) => y)).toEqual([-5, -5, -5]);
    expect(buildStrikeSeries(strikes, 'abs', 'dex')[0].data.map(([, y]) => y)).toEqual([5, 5, 5]);
    expect(buildStrikeSeries(strikes, 'net', 'vex')[0].name).toBe('VEX');
    expect(buildStrikeSeries([row(1, 1, 1, { cex: undefined })], 'net', 'cex')[0].data).toEqual([[1, 0]]);
  });
  it('counts the bars that will be visible', () => {
    expect(nonZeroPoints(buildStrikeSeries(strikes, 'cp', 'gex'))).toBe(5);
  });
  it('OI and volume series mirror puts below zero', () => {
    const s = buildOiSeries(strikes, 'oi');
    expect(s[0].data[0]).toEqual([5790, 100]);
    expect(s[1].data[0]).toEqual([5790, -200]);
    expect(nonZeroPoints(buildOiSeries(strikes, 'volume'))).toBe(3);
  });
  it('builds a stacked bar option with one marker line per known level', () => {
    const markers = markerLines({ gamma_flip: 5795.5, call_wall: 5800, put_wall: null }, 5803.2);
    expect(markers.map((m) => m.name)).toEqual(['Spot', 'Flip', 'Call wall']);
    const opt = strikeBarOption(buildStrikeSeries(strikes, 'cp', 'gex'), markers, { money: true, stacked: true }) as {
      series: { stack?: string; markLine?: { data: unknown[] } }[];
      xAxis: { min: number; max: number };
    };
    expect(opt.series).toHaveLength(2);
    expect(opt.series[0].stack).toBe('by-strike');
    expect(opt.series[0].markLine?.data).toHaveLength(3);
    expect(opt.series[1].markLine).toBeUndefined();
    expect(opt.xAxis.min).toBe(5780);
    expect(opt.xAxis.max).toBe(5820);
  });
});

describe('profile regimes', () => {
  it('splits at interpolated zero crossings', () => {
    const areas = regimeAreas([
      { price: 5700, gex: -2 },
      { price: 5750, gex: -1 },
      { price: 5800, gex: 1 },
      { price: 5850, gex: 3 },
    ]);
    expect(areas).toEqual([
      { from: 5700, to: 5775, regime: 'negative' },
      { from: 5775, to: 5850, regime: 'positive' },
    ]);
  });
  it('handles several flips, one regime and no data', () => {
    expect(
      regimeAreas([
        { price: 1, gex: 1 },
        { price: 2, gex: -1 },
        { price: 3, gex: 1 },
      ]).map((a) => a.regime),
    ).toEqual(['positive', 'negative', 'positive']);
    expect(regimeAreas([{ price: 1, gex: 5 }])).toEqual([{ from: 1, to: 1, regime: 'positive' }]);
    expect(regimeAreas([])).toEqual([]);
  });
});

describe('by expiry and heatmap', () => {
  it('sorts expirations and labels DTE', () => {
    const e = buildExpirySeries([
      { expiration: '2025-01-10', dte: 7, call_gex: 2, put_gex: -1, net_gex: 1, abs_gex: 3 },
      { expiration: '2025-01-03', dte: 0, call_gex: 5, put_gex: 4, net_gex: 9, abs_gex: 9 },
    ]);
    expect(e.categories).toEqual(['2025-01-03 (0d)', '2025-01-10 (7d)']);
    expect(e.put).toEqual([-4, -1]);
    expect(e.net).toEqual([9, 1]);
  });
  it('accepts values indexed by expiration or by strike, skipping nulls', () => {
    const byExp = buildHeatmap({ metric: 'net_gex', expirations: ['a', 'b'], strikes: [1, 2, 3], values: [[1, null, -3], [4, 5, 6]] });
    expect(byExp.data).toContainEqual([0, 2, -3]);
    expect(byExp.data).toHaveLength(5);
    expect(byExp.maxAbs).toBe(6);
    const byStrike = buildHeatmap({ metric: 'net_gex', expirations: ['a', 'b'], strikes: [1, 2, 3], values: [[1, 4], [2, 5], [3, -9]] });
    expect(byStrike.data).toContainEqual([1, 2, -9]);
    expect(byStrike.maxAbs).toBe(9);
  });
});

describe('tables and freshness', () => {
  it('sorts numbers and strings both ways with missing values last', () => {
    const rows = [{ k: 2, s: 'b' }, { k: null, s: 'a' }, { k: 1, s: 'c' }, { k: 3, s: null }];
    expect(sortRows(rows, 'k', 'asc').map((r) => r.k)).toEqual([1, 2, 3, null]);
    expect(sortRows(rows, 'k', 'desc').map((r) => r.k)).toEqual([3, 2, 1, null]);
    expect(sortRows(rows, 's', 'asc').map((r) => r.s)).toEqual(['a', 'b', 'c', null]);
    expect(sortRows(rows, 's', 'desc').map((r) => r.s)).toEqual(['c', 'b', 'a', null]);
  });
  it('is stale after two intervals', () => {
    const now = Date.parse('2025-01-02T15:00:00Z');
    expect(freshness('2025-01-02T14:55:00Z', now, 5)).toEqual({ ageMs: 300_000, stale: false });
    expect(freshness('2025-01-02T14:49:59Z', now, 5)?.stale).toBe(true);
    expect(freshness('garbage', now, 5)).toBeNull();
    expect(freshness(null, now, 5)).toBeNull();
  });
  it('describes data sources honestly', () => {
    expect(sourceLabel('simulated')).toBe('simulated');
    expect(sourceLabel('cboe')).toBe('CBOE, delayed 15 min');
    expect(sourceLabel(undefined)).toBe('unknown');
  });
  it('derives generic columns', () => {
    expect(columnsOf([{ a: 1 }, { b: 2, a: 3 }])).toEqual(['a', 'b']);
  });
});
