// The daily PnL chart's ECharts option (pure; rendered by components/Chart).
import type { EChartsCoreOption } from './echarts';
import { fmtUsd, type PnlSeries } from './trading';

export const PNL_COLORS = { realized: '#3b82f6', unrealized: '#d29922', cumulative: '#a855f7' } as const;

const usdAxis = (v: number) => (Math.abs(v) >= 1000 ? `${v < 0 ? '-' : ''}$${(Math.abs(v) / 1000).toFixed(1)}k` : `${v < 0 ? '-' : ''}$${Math.abs(v)}`);

export function pnlOption(s: PnlSeries): EChartsCoreOption {
  return {
    grid: { left: 64, right: 24, top: 40, bottom: 44 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmtUsd(v) },
    xAxis: { type: 'category', data: s.days, axisLabel: { fontSize: 10 } },
    yAxis: { type: 'value', axisLabel: { formatter: usdAxis } },
    series: [
      {
        type: 'bar',
        name: 'Realized',
        stack: 'day',
        itemStyle: { color: PNL_COLORS.realized },
        data: s.realized,
        barMaxWidth: 28,
      },
      {
        type: 'bar',
        name: 'Open (closing side)',
        stack: 'day',
        itemStyle: { color: PNL_COLORS.unrealized },
        data: s.unrealized,
        barMaxWidth: 28,
      },
      { type: 'line', name: 'Cumulative', itemStyle: { color: PNL_COLORS.cumulative }, data: s.cumulative, symbolSize: 6 },
    ],
  };
}
