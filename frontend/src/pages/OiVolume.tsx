import { useMemo } from 'react';
import { Chart } from '../components/Chart';
import { RecordsTable } from '../components/RecordsTable';
import { useRoute } from '../components/router';
import { QueryBoundary } from '../components/states';
import type { ExposureReport } from '../lib/api';
import { strikeBarOption } from '../lib/chartOptions';
import { fmtMoney, fmtStrike, isNum } from '../lib/format';
import { useExposure } from '../lib/queries';
import { scopeLabel } from '../lib/scope';
import { buildOiSeries, markerLines, nonZeroPoints } from '../lib/series';
import { TOP_TABS, type TopTab } from '../lib/urlState';
import { ScopeControls } from './Exposure';

const TAB_LABELS: Record<TopTab, string> = { oi: 'By OI', volume: 'By volume', pc: 'By put/call ratio' };

function OiChart({ r, what }: { r: ExposureReport; what: 'oi' | 'volume' }) {
  const series = useMemo(() => buildOiSeries(r.strikes ?? [], what), [r, what]);
  const option = useMemo(
    () => strikeBarOption(series, markerLines(r.levels, r.spot), { money: false, stacked: true }),
    [series, r],
  );
  return (
    <Chart
      testId={what === 'oi' ? 'oi-chart' : 'volume-chart'}
      ariaLabel={what === 'oi' ? 'Open interest by strike' : 'Volume by strike'}
      option={option}
      height={320}
      meta={{ points: series.reduce((n, s) => n + s.data.length, 0), 'nonzero-points': nonZeroPoints(series) }}
    />
  );
}

function maxAbsNetGexStrike(r: ExposureReport): { strike: number; net: number } | null {
  const lv = r.levels?.max_abs_net_gex_strike;
  let best: { strike: number; net: number } | null = null;
  for (const s of r.strikes ?? []) {
    if (!best || Math.abs(s.net_gex) > Math.abs(best.net)) best = { strike: s.strike, net: s.net_gex };
  }
  if (isNum(lv)) {
    const row = (r.strikes ?? []).find((s) => s.strike === lv);
    return { strike: lv, net: row?.net_gex ?? best?.net ?? NaN };
  }
  return best;
}

export function OiVolumePage() {
  const { state, navigate } = useRoute();
  const report = useExposure(state.symbol, state.scope, state.window);
  return (
    <>
      <section className="panel">
        <div className="panel-head">
          <h2>{state.symbol} open interest & volume</h2>
          <div className="controls">
            <ScopeControls />
          </div>
        </div>
        <QueryBoundary
          q={report}
          testId="oi-volume"
          what="open interest and volume"
          isEmpty={(d) => !d.strikes?.length}
          empty={`No strikes in ${scopeLabel(state.scope)}. Widen the strike range or pick another scope.`}
        >
          {(r) => {
            const m = maxAbsNetGexStrike(r);
            return (
              <>
                <div className="totals">
                  <span data-testid="max-abs-gex-strike">
                    Max |net GEX| strike <b>{fmtStrike(m?.strike)}</b> ({fmtMoney(m?.net)})
                  </span>
                  <span>
                    Call OI <b>{(r.totals?.call_oi ?? 0).toLocaleString('en-US')}</b>
                  </span>
                  <span>
                    Put OI <b>{(r.totals?.put_oi ?? 0).toLocaleString('en-US')}</b>
                  </span>
                  <span>
                    Call vol <b>{(r.totals?.call_volume ?? 0).toLocaleString('en-US')}</b>
                  </span>
                  <span>
                    Put vol <b>{(r.totals?.put_volume ?? 0).toLocaleString('en-US')}</b>
                  </span>
                </div>
                <div className="grid2">
                  <div>
                    <h3>Open interest by strike</h3>
                    <OiChart r={r} what="oi" />
                  </div>
                  <div>
                    <h3>Volume by strike</h3>
                    <OiChart r={r} what="volume" />
                  </div>
                </div>
                <h3>Top strikes</h3>
                <div className="tabs" role="tablist">
                  {TOP_TABS.map((t) => (
                    <button
                      type="button"
                      role="tab"
                      key={t}
                      data-testid={`top-tab-${t}`}
                      aria-selected={state.tab === t}
                      onClick={() => navigate({ tab: t }, { replace: true })}
                    >
                      {TAB_LABELS[t]}
                    </button>
                  ))}
                </div>
                {(() => {
                  const rows =
                    (state.tab === 'oi' ? r.top?.by_oi : state.tab === 'volume' ? r.top?.by_volume : r.top?.by_pc_ratio) ?? [];
                  return rows.length ? (
                    <RecordsTable rows={rows} testId="top-table" />
                  ) : (
                    <p className="muted" data-testid="top-table-empty">
                      The server sent no top strikes for this tab.
                    </p>
                  );
                })()}
              </>
            );
          }}
        </QueryBoundary>
      </section>
    </>
  );
}
