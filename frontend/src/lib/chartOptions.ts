// ECharts option builders (pure; the Chart component only renders what these return).
import type { EChartsCoreOption } from './echarts';
import { fmtInt, fmtMoney, fmtMoneyAxis, fmtStrike } from './format';
import type { ExpirySeries, HeatmapShape, MarkerLine, RegimeArea, XYSeries } from './series';

const grid = { left: 64, right: 24, top: 64, bottom: 44, containLabel: false };
// Strike-like axis labels: whole numbers unless the axis is fine-grained.
const axisStrike = (v: number) => fmtStrike(Math.abs(v) >= 100 ? Math.round(v) : Number(v.toFixed(2)));

function markLineOf(markers: MarkerLine[]) {
  return {
    silent: true,
    symbol: 'none',
    animation: false,
    data: markers.map((m, i) => ({
      name: m.name,
      xAxis: m.value,
      lineStyle: { color: m.color, type: m.name === 'Spot' ? 'solid' : 'dashed', width: 1.5 },
      label: {
        formatter: `${m.name} ${fmtStrike(Number(m.value.toFixed(2)))}`,
        color: m.color,
        position: 'end',
        distance: 3 + (i % 2) * 13,
        fontSize: 11,
      },
    })),
  };
}

function xExtent(series: XYSeries[], markers: MarkerLine[]): { min: number; max: number } | undefined {
  const xs = series.flatMap((s) => s.data.map(([x]) => x)).concat(markers.map((m) => m.value));
  if (xs.length === 0) return undefined;
  const sorted = [...new Set(series.flatMap((s) => s.data.map(([x]) => x)))].sort((a, b) => a - b);
  let step = Infinity;
  for (let i = 1; i < sorted.length; i++) step = Math.min(step, sorted[i] - sorted[i - 1]);
  if (!Number.isFinite(step)) step = 1;
  return { min: Math.min(...xs) - step, max: Math.max(...xs) + step };
}

/** Bars by strike (GEX views, DEX/VEX/CEX, OI, volume) with vertical marker lines. */
export function strikeBarOption(
  series: XYSeries[],
  markers: MarkerLine[],
  opts: { money: boolean; stacked: boolean },
): EChartsCoreOption {
  const ext = xExtent(series, markers);
  const fmtVal = opts.money ? (v: unknown) => fmtMoney(v) : (v: unknown) => fmtInt(v);
  return {
    grid,
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { value: [number, number]; seriesName: string; marker: string }[]) => {
        if (!params.length) return '';
        const strike = params[0].value[0];
        const lines = params.map((p) => `${p.marker}${p.seriesName}: ${fmtVal(Math.abs(p.value[1]) * Math.sign(p.value[1]))}`);
        return [`Strike ${fmtStrike(strike)}`, ...lines].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      min: ext?.min,
      max: ext?.max,
      axisLabel: { formatter: axisStrike, hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => (opts.money ? fmtMoneyAxis(v) : fmtMoneyAxis(v).replace(/(bn|mm)/, (m) => (m === 'mm' ? 'M' : 'B'))) },
    },
    series: series.map((s, i) => ({
      type: 'bar',
      name: s.name,
      stack: opts.stacked ? 'by-strike' : undefined,
      barMaxWidth: 16,
      barMinWidth: 1,
      itemStyle: { color: s.color },
      data: s.pointColors
        ? s.data.map((d, j) => ({ value: d, itemStyle: { color: s.pointColors![j] } }))
        : s.data,
      markLine: i === 0 && markers.length ? markLineOf(markers) : undefined,
    })),
  };
}

/** GEX over hypothetical spot prices, shaded by regime, flip and spot marked. */
export function profileOption(points: { price: number; gex: number }[], areas: RegimeArea[], markers: MarkerLine[]): EChartsCoreOption {
  const pts = [...points].sort((a, b) => a.price - b.price);
  return {
    grid,
    legend: { top: 0, left: 0, data: ['Net GEX'] },
    tooltip: {
      trigger: 'axis',
      formatter: (p: { value: [number, number] }[]) =>
        p.length ? `Spot ${fmtStrike(Number(p[0].value[0].toFixed(2)))}<br/>Net GEX ${fmtMoney(p[0].value[1])}` : '',
    },
    xAxis: {
      type: 'value',
      min: pts.length ? pts[0].price : undefined,
      max: pts.length ? pts[pts.length - 1].price : undefined,
      axisLabel: { formatter: axisStrike, hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: { type: 'value', axisLabel: { formatter: fmtMoneyAxis } },
    series: [
      {
        type: 'line',
        name: 'Net GEX',
        showSymbol: false,
        lineStyle: { width: 2, color: '#3b82f6' },
        itemStyle: { color: '#3b82f6' },
        data: pts.map((p) => [p.price, p.gex]),
        markArea: {
          silent: true,
          data: areas.map((a) => [
            {
              name: a.regime === 'positive' ? '+γ' : '−γ',
              xAxis: a.from,
              itemStyle: { color: a.regime === 'positive' ? 'rgba(34,160,107,0.13)' : 'rgba(229,72,77,0.13)' },
              label: { color: a.regime === 'positive' ? '#22a06b' : '#e5484d', position: 'insideTop' },
            },
            { xAxis: a.to },
          ]),
        },
        markLine: markers.length ? markLineOf(markers) : undefined,
      },
    ],
  };
}

export function expiryOption(e: ExpirySeries): EChartsCoreOption {
  return {
    grid: { ...grid, bottom: 70 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmtMoney(v) },
    xAxis: { type: 'category', data: e.categories, axisLabel: { rotate: 30, fontSize: 10 } },
    yAxis: { type: 'value', axisLabel: { formatter: fmtMoneyAxis } },
    series: [
      { type: 'bar', name: 'Call GEX', stack: 'e', itemStyle: { color: '#22a06b' }, data: e.call, barMaxWidth: 28 },
      { type: 'bar', name: 'Put GEX', stack: 'e', itemStyle: { color: '#e5484d' }, data: e.put, barMaxWidth: 28 },
      { type: 'line', name: 'Net GEX', itemStyle: { color: '#3b82f6' }, data: e.net, symbolSize: 6 },
    ],
  };
}

export function heatmapOption(h: HeatmapShape, metricLabel: string): EChartsCoreOption {
  return {
    grid: { left: 64, right: 24, top: 16, bottom: 96 },
    tooltip: {
      position: 'top',
      formatter: (p: { value: [number, number, number] }) =>
        `${h.xLabels[p.value[0]]} · strike ${h.yLabels[p.value[1]]}<br/>${metricLabel} ${fmtMoney(p.value[2])}`,
    },
    xAxis: { type: 'category', data: h.xLabels, splitArea: { show: false }, axisLabel: { rotate: 30, fontSize: 10 } },
    yAxis: { type: 'category', data: h.yLabels, axisLabel: { fontSize: 10 } },
    visualMap: {
      min: -h.maxAbs,
      max: h.maxAbs,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      inRange: { color: ['#e5484d', '#f3c5c6', '#f5f5f5', '#b7cdf6', '#3b82f6'] },
      formatter: (v: number) => fmtMoneyAxis(v),
    },
    series: [{ type: 'heatmap', name: metricLabel, data: h.data, progressive: 0 }],
  };
}
