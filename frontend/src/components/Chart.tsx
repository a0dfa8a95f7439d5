import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption } from '../lib/echarts';
import { useTheme } from './theme';

interface Props {
  option: EChartsCoreOption;
  testId: string;
  height?: number;
  /** Extra data-* attributes describing what was drawn (for tests and for debugging). */
  meta?: Record<string, string | number>;
  ariaLabel: string;
}

/** One ECharts instance bound to a div; re-created on theme change, resized with its box. */
export function Chart({ option, testId, height = 360, meta, ariaLabel }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const renders = useRef(0);
  const { theme } = useTheme();

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, theme === 'dark' ? 'dark' : undefined, { renderer: 'svg' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !el.current) return;
    c.setOption({ backgroundColor: 'transparent', animation: false, ...option }, { notMerge: true });
    renders.current += 1;
    el.current.dataset.renders = String(renders.current);
    el.current.dataset.state = 'ready';
  }, [option, theme]);

  const dataAttrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta ?? {})) dataAttrs[`data-${k}`] = String(v);

  return (
    <div
      ref={el}
      className="chart"
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ height }}
      {...dataAttrs}
    />
  );
}
