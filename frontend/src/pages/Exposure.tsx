import { useMemo } from 'react';
import { Chart } from '../components/Chart';
import { useRoute } from '../components/router';
import { QueryBoundary } from '../components/states';
import { apiUrl, type ExposureReport, type ExpiryRow } from '../lib/api';
import { expiryOption, heatmapOption, profileOption, strikeBarOption } from '../lib/chartOptions';
import { fmtInt, fmtIv, fmtMoney, fmtPrice, fmtStrike, fmtTimeEt } from '../lib/format';
import { useByExpiry, useExposure, useHeatmap, useInfo, useProfile } from '../lib/queries';
import { formatScope, parseScope, scopeLabel, scopeOptions } from '../lib/scope';
import {
  buildExpirySeries,
  buildHeatmap,
  buildStrikeSeries,
  markerLines,
  nonZeroPoints,
  regimeAreas,
} from '../lib/series';
import { METRICS, STRIKE_WINDOWS, VIEWS, type GexView, type Metric } from '../lib/urlState';

const VIEW_LABELS: Record<GexView, string> = { cp: 'Calls vs puts', net: 'Net', abs: 'Absolute' };

export function ScopeControls({ showWindow = true }: { showWindow?: boolean }) {
  const { state, navigate } = useRoute();
  const info = useInfo(false);
  const byExpiry = useByExpiry(state.symbol);
  const options = scopeOptions(
    info.data?.snapshot_dte_targets ?? [],
    (byExpiry.data?.items ?? []).map((i) => i.expiration),
    state.scope,
  );
  return (
    <>
      <label className="control">
        <span>Expiries</span>
        <select
          data-testid="scope-select"
          value={formatScope(state.scope)}
          onChange={(e) => {
            const s = parseScope(e.target.value);
            if (s) navigate({ scope: s });
          }}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      {showWindow && (
        <label className="control">
          <span>Strikes</span>
          <select
            data-testid="window-select"
            value={state.window}
            onChange={(e) => navigate({ window: Number(e.target.value) })}
          >
            {[...new Set<number>([...STRIKE_WINDOWS, state.window])].sort((a, b) => a - b).map((w) => (
              <option key={w} value={w}>
                ±{w}% of spot
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}

function Totals({ r }: { r: ExposureReport }) {
  const t = r.totals ?? {};
  return (
    <div className="totals" data-testid="exposure-totals">
      <span>
        Scope <b>{r.scope?.label ?? scopeLabel(parseScope(r.scope?.kind) ?? { kind: 'all' })}</b>
        {r.scope?.expirations?.length ? ` (${r.scope.expirations.length} exp.)` : ''}
      </span>
      <span>
        Spot <b>{fmtPrice(r.spot)}</b>
      </span>
      <span>
        Call <b className="pos">{fmtMoney(t.call_gex)}</b>
      </span>
      <span>
        Put <b className="neg">{fmtMoney(t.put_gex)}</b>
      </span>
      <span>
        Net <b>{fmtMoney(t.net_gex)}</b>
      </span>
      <span>
        |GEX| <b>{fmtMoney(t.abs_gex)}</b>
      </span>
      <span>
        DEX <b>{fmtMoney(t.dex)}</b>
      </span>
      <span>
        VEX <b>{fmtMoney(t.vex)}</b>
      </span>
      <span>
        CEX <b>{fmtMoney(t.cex)}</b>
      </span>
      <span className="muted">
        #{r.snapshot_id} · {fmtTimeEt(r.as_of)}
      </span>
    </div>
  );
}

function StrikeChart({ r, view, metric }: { r: ExposureReport; view: GexView; metric: Metric }) {
  const series = useMemo(() => buildStrikeSeries(r.strikes ?? [], view, metric), [r, view, metric]);
  const markers = useMemo(() => markerLines(r.levels, r.spot), [r]);
  const option = useMemo(
    () => strikeBarOption(series, markers, { money: true, stacked: series.length > 1 }),
    [series, markers],
  );
  return (
    <Chart
      testId="gex-by-strike-chart"
      ariaLabel={`${metric.toUpperCase()} by strike, ${VIEW_LABELS[view]}`}
      option={option}
      height={400}
      meta={{
        view,
        metric,
        scope: r.scope?.label ?? '',
        strikes: r.strikes?.length ?? 0,
        series: series.length,
        points: series.reduce((n, s) => n + s.data.length, 0),
        'nonzero-points': nonZeroPoints(series),
        colors: series.map((s) => s.color).join(','),
      }}
    />
  );
}

function ExpiryTable({ items }: { items: ExpiryRow[] }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="by-expiry-table">
        <thead>
          <tr>
            <th>Expiration</th>
            <th className="num">DTE</th>
            <th className="num">Net GEX</th>
            <th className="num">|GEX|</th>
            <th className="num">ATM IV</th>
            <th className="num">Exp. move</th>
            <th className="num">25Δ skew</th>
            <th className="num">Max pain</th>
            <th className="num">Call OI</th>
            <th className="num">Put OI</th>
            <th>Quality</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.expiration}>
              <td>{e.expiration}</td>
              <td className="num">{e.dte}</td>
              <td className="num">{fmtMoney(e.net_gex)}</td>
              <td className="num">{fmtMoney(e.abs_gex)}</td>
              <td className="num">{fmtIv(e.atm_iv)}</td>
              <td className="num">{e.expected_move_straddle != null ? `±${fmtPrice(e.expected_move_straddle)}` : '—'}</td>
              <td className="num">{fmtIv(e.skew_25d)}</td>
              <td className="num">{fmtStrike(e.max_pain)}</td>
              <td className="num">{fmtInt(e.call_oi)}</td>
              <td className="num">{fmtInt(e.put_oi)}</td>
              <td className={e.quality?.grade === 'ok' ? 'pos' : 'warn-text'} title={e.quality?.reason ?? undefined}>
                {e.quality?.grade ?? '—'}
                {e.quality?.reason ? ` (${e.quality.reason})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// The heatmap is net GEX whatever greek the bar chart shows (the one metric the API documents).
const HEATMAP_METRIC = 'net_gex';

export function ExposurePage() {
  const { state, navigate } = useRoute();
  const { symbol, scope, view, metric } = state;
  const report = useExposure(symbol, scope, state.window);
  const profile = useProfile(symbol, scope);
  const byExpiry = useByExpiry(symbol);
  const heat = useHeatmap(symbol, HEATMAP_METRIC);
  const csvHref = apiUrl('/api/exposure', {
    underlying: symbol,
    scope: formatScope(scope),
    strike_window_pct: state.window,
    format: 'csv',
  });

  return (
    <>
      <section className="panel">
        <div className="panel-head">
          <h2>
            {symbol} {metric === 'gex' ? 'GEX' : metric.toUpperCase()} by strike <small>$ per 1% move</small>
          </h2>
          <div className="controls">
            <div className="seg" role="group" aria-label="View">
              {VIEWS.map((v) => (
                <button
                  type="button"
                  key={v}
                  data-testid={`view-${v}`}
                  aria-pressed={view === v}
                  onClick={() => navigate({ view: v }, { replace: true })}
                >
                  {VIEW_LABELS[v]}
                </button>
              ))}
            </div>
            <div className="seg" role="group" aria-label="Greek">
              {METRICS.map((m) => (
                <button
                  type="button"
                  key={m}
                  data-testid={`metric-${m}`}
                  aria-pressed={metric === m}
                  onClick={() => navigate({ metric: m }, { replace: true })}
                >
                  {m.toUpperCase()}
                </button>
              ))}
            </div>
            <ScopeControls />
            <a className="button" data-testid="csv-download" href={csvHref} download={`${symbol}-exposure-${formatScope(scope)}.csv`}>
              CSV
            </a>
          </div>
        </div>
        <QueryBoundary
          q={report}
          testId="gex-by-strike"
          what="exposure by strike"
          isEmpty={(d) => !d.strikes || d.strikes.length === 0}
          empty={`No strikes in ${scopeLabel(scope)} within ±${state.window}% of spot. Widen the strike range or pick another scope.`}
        >
          {(r) => (
            <>
              <Totals r={r} />
              <StrikeChart r={r} view={view} metric={metric} />
            </>
          )}
        </QueryBoundary>
      </section>

      <section className="panel">
        <h2>
          Gamma profile <small>net GEX if spot moved; shaded by regime</small>
        </h2>
        <QueryBoundary q={profile} testId="profile" what="gamma profile" isEmpty={(d) => !d.levels?.length}>
          {(p) => (
            <Chart
              testId="profile-chart"
              ariaLabel="Gamma profile over spot"
              height={320}
              option={profileOption(
                p.levels,
                regimeAreas(p.levels),
                [
                  { name: 'Spot', value: p.spot, color: '#9ca3af' },
                  ...(p.gamma_flips?.length ? p.gamma_flips : p.gamma_flip != null ? [p.gamma_flip] : []).map((f) => ({
                    name: 'Flip',
                    value: f,
                    color: '#eab308',
                  })),
                ].filter((m) => Number.isFinite(m.value)),
              )}
              meta={{ points: p.levels.length, areas: regimeAreas(p.levels).length }}
            />
          )}
        </QueryBoundary>
      </section>

      <div className="grid2">
        <section className="panel">
          <h2>GEX by expiration</h2>
          <QueryBoundary q={byExpiry} testId="by-expiry" what="exposure by expiration" isEmpty={(d) => !d.items?.length}>
            {(d) => (
              <>
                <Chart
                  testId="by-expiry-chart"
                  ariaLabel="GEX by expiration"
                  height={300}
                  option={expiryOption(buildExpirySeries(d.items))}
                  meta={{ expirations: d.items.length }}
                />
                <ExpiryTable items={[...d.items].sort((a, b) => a.expiration.localeCompare(b.expiration))} />
              </>
            )}
          </QueryBoundary>
        </section>
        <section className="panel">
          <h2>
            Strike × expiry heatmap <small>net GEX per strike and expiration</small>
          </h2>
          <QueryBoundary
            q={heat}
            testId="heatmap"
            what="heatmap"
            isEmpty={(d) => !d.expirations?.length || !d.strikes?.length}
          >
            {(h) => {
              const shape = buildHeatmap(h);
              return (
                <Chart
                  testId="heatmap-chart"
                  ariaLabel="Strike by expiry heatmap"
                  height={Math.min(900, Math.max(360, shape.yLabels.length * 9 + 120))}
                  option={heatmapOption(shape, 'Net GEX')}
                  meta={{ cells: shape.data.length }}
                />
              );
            }}
          </QueryBoundary>
        </section>
      </div>
    </>
  );
}
