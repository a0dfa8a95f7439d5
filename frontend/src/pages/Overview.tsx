import { useEffect, useState } from 'react';
import { useRoute } from '../components/router';
import { QueryBoundary } from '../components/states';
import type { Levels } from '../lib/api';
import { fmtAge, fmtIv, fmtMoney, fmtPrice, fmtStrike, fmtTimeEt } from '../lib/format';
import { useInfo, useLevels, useRealizedVol } from '../lib/queries';
import { freshness, sourceLabel } from '../lib/series';
import { PRESET_SYMBOLS } from '../lib/urlState';

function useNow(ms = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return now;
}

function Stat({ label, value, id, tone }: { label: string; value: string; id: string; tone?: string }) {
  return (
    <div className={`stat ${tone ?? ''}`}>
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={`level-${id}`}>
        {value}
      </div>
    </div>
  );
}

function RvStats({ symbol }: { symbol: string }) {
  const rv = useRealizedVol(symbol);
  const msg = rv.isError ? 'n/a' : rv.isPending ? '…' : undefined;
  return (
    <>
      <Stat label="Realized vol 1H" id="rv-1h" value={msg ?? fmtIv(rv.data?.rv_1h)} />
      <Stat label="Realized vol 1D" id="rv-1d" value={msg ?? fmtIv(rv.data?.rv_1d)} />
    </>
  );
}

function KeyLevels({ l, symbol }: { l: Levels; symbol: string }) {
  const regimeTone = l.regime === 'positive' ? 'pos' : l.regime === 'negative' ? 'neg' : '';
  return (
    <div className="stats">
      <Stat label="Spot" id="spot" value={fmtPrice(l.spot)} />
      <Stat label="Gamma flip" id="gamma-flip" value={fmtPrice(l.gamma_flip)} />
      <Stat label="Call wall" id="call-wall" value={fmtStrike(l.call_wall)} tone="pos" />
      <Stat label="Put wall" id="put-wall" value={fmtStrike(l.put_wall)} tone="neg" />
      <Stat label="Net GEX (per 1%)" id="net-gex" value={fmtMoney(l.net_gex)} tone={(l.net_gex ?? 0) >= 0 ? 'pos' : 'neg'} />
      <Stat label="Regime" id="regime" value={l.regime ? `${l.regime} gamma` : '—'} tone={regimeTone} />
      <Stat label="ATM IV" id="atm-iv" value={fmtIv(l.atm_iv)} />
      <Stat label="Expected move" id="expected-move" value={l.expected_move != null ? `±${fmtPrice(l.expected_move)}` : '—'} />
      <RvStats symbol={symbol} />
    </div>
  );
}

function SourceAge({ l }: { l: Levels }) {
  const info = useInfo(false);
  const now = useNow();
  const f = freshness(l.as_of, now, info.data?.snapshot_interval_minutes);
  return (
    <div className="source" data-testid="data-source">
      <span className={`badge badge-${(l.provider || info.data?.provider || '').toLowerCase()}`} data-testid="source-label">
        {sourceLabel(l.provider || info.data?.provider)}
      </span>
      <span>
        snapshot #{l.snapshot_id} at {fmtTimeEt(l.as_of)}
        {f && <> · {fmtAge(f.ageMs)} old</>}
      </span>
      {f?.stale && (
        <span className="warn" role="alert" data-testid="stale-warning">
          Stale: the newest snapshot is older than two snapshot intervals ({info.data?.snapshot_interval_minutes ?? '?'} min
          each). Outside trading hours this is expected; otherwise check the snapshot job.
        </span>
      )}
    </div>
  );
}

function LevelsTable({ symbols }: { symbols: string[] }) {
  const q = useLevels(symbols);
  const { navigate, state } = useRoute();
  return (
    <QueryBoundary
      q={q}
      testId="levels-table"
      what="levels"
      isEmpty={(d) => d.items.length === 0}
      empty={`No levels for ${symbols.join(', ')} yet: take a snapshot on the Snapshots page.`}
    >
      {(d) => (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Symbol</th>
                <th className="num">Spot</th>
                <th className="num">Flip</th>
                <th>Regime</th>
                <th className="num">Net GEX</th>
                <th className="num">Call wall</th>
                <th className="num">Put wall</th>
                <th className="num">Max pain</th>
                <th className="num">ATM IV</th>
                <th className="num">Exp. move</th>
                <th>As of</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((l) => (
                <tr
                  key={l.underlying}
                  data-testid="levels-row"
                  className={l.underlying === state.symbol ? 'selected' : undefined}
                  onClick={() => navigate({ symbol: l.underlying })}
                >
                  <td>{l.underlying}</td>
                  <td className="num">{fmtPrice(l.spot)}</td>
                  <td className="num">{fmtPrice(l.gamma_flip)}</td>
                  <td className={l.regime === 'negative' ? 'neg' : 'pos'}>{l.regime ?? '—'}</td>
                  <td className="num">{fmtMoney(l.net_gex)}</td>
                  <td className="num">{fmtStrike(l.call_wall)}</td>
                  <td className="num">{fmtStrike(l.put_wall)}</td>
                  <td className="num">{fmtStrike(l.max_pain)}</td>
                  <td className="num">{fmtIv(l.atm_iv)}</td>
                  <td className="num">{l.expected_move != null ? `±${fmtPrice(l.expected_move)}` : '—'}</td>
                  <td>{fmtTimeEt(l.as_of)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryBoundary>
  );
}

export function OverviewPage() {
  const { state } = useRoute();
  const levels = useLevels([state.symbol]);
  const symbols = [...new Set<string>([...PRESET_SYMBOLS, state.symbol])];
  return (
    <>
      <section className="panel">
        <h2>
          {state.symbol} key levels <small>dealer gamma, per 1% move</small>
        </h2>
        <QueryBoundary
          q={levels}
          testId="key-levels"
          what={`${state.symbol} levels`}
          isEmpty={(d) => !d.items.some((i) => i.underlying === state.symbol)}
          empty={
            <>
              No exposure levels for {state.symbol} yet. Take a snapshot on the Snapshots page (&quot;Run snapshot
              now&quot;), or pick a symbol the service snapshots.
            </>
          }
        >
          {(d) => {
            const l = d.items.find((i) => i.underlying === state.symbol)!;
            return (
              <>
                <SourceAge l={l} />
                <KeyLevels l={l} symbol={state.symbol} />
              </>
            );
          }}
        </QueryBoundary>
      </section>
      <section className="panel">
        <h2>All symbols</h2>
        <LevelsTable symbols={symbols} />
      </section>
    </>
  );
}

