import { useMemo, useState } from 'react';
import { useRoute } from '../components/router';
import { QueryBoundary } from '../components/states';
import type { Chain, ChainRow } from '../lib/api';
import { fmtGreek, fmtInt, fmtIv, fmtNum, fmtPrice, fmtStrike, fmtTimeEt } from '../lib/format';
import { useChain } from '../lib/queries';
import { sortRows, type SortDir } from '../lib/series';

type Col = {
  key: keyof ChainRow & string;
  label: string;
  fmt: (r: ChainRow) => string;
  num?: boolean;
  title?: string;
};

const COLS: Col[] = [
  { key: 'occ_symbol', label: 'Contract', fmt: (r) => r.occ_symbol },
  { key: 'expiration', label: 'Exp.', fmt: (r) => r.expiration },
  { key: 'strike', label: 'Strike', fmt: (r) => fmtStrike(r.strike), num: true },
  { key: 'type', label: 'C/P', fmt: (r) => r.type },
  { key: 'bid', label: 'Bid', fmt: (r) => fmtNum(r.bid), num: true },
  { key: 'ask', label: 'Ask', fmt: (r) => fmtNum(r.ask), num: true },
  { key: 'mid', label: 'Mid', fmt: (r) => fmtNum(r.mid, 3), num: true },
  { key: 'last', label: 'Last', fmt: (r) => fmtNum(r.last), num: true },
  { key: 'volume', label: 'Vol', fmt: (r) => fmtInt(r.volume), num: true },
  { key: 'open_interest', label: 'OI', fmt: (r) => fmtInt(r.open_interest), num: true },
  { key: 'iv', label: 'IV', fmt: (r) => fmtIv(r.iv, 2), num: true, title: 'our implied volatility' },
  { key: 'vendor_iv', label: 'IV (vendor)', fmt: (r) => fmtIv(r.vendor_iv, 2), num: true },
  { key: 'delta', label: 'Δ', fmt: (r) => fmtGreek(r.delta), num: true, title: 'our delta' },
  { key: 'vendor_delta', label: 'Δ (vendor)', fmt: (r) => fmtGreek(r.vendor_delta), num: true },
  { key: 'gamma', label: 'Γ', fmt: (r) => fmtGreek(r.gamma), num: true, title: 'our gamma' },
  { key: 'vendor_gamma', label: 'Γ (vendor)', fmt: (r) => fmtGreek(r.vendor_gamma), num: true },
  { key: 'vega', label: 'Vega', fmt: (r) => fmtGreek(r.vega), num: true },
  { key: 'theta', label: 'Θ', fmt: (r) => fmtGreek(r.theta), num: true },
];

const PAGE = 250;

function ChainTable({ chain }: { chain: Chain }) {
  const [sortKey, setSortKey] = useState<keyof ChainRow & string>('strike');
  const [dir, setDir] = useState<SortDir>('asc');
  const [exp, setExp] = useState<string>('');
  const [type, setType] = useState<'' | 'C' | 'P'>('');
  const [near, setNear] = useState<number>(chain.spot ? 5 : 0);
  const [limit, setLimit] = useState(PAGE);
  const expirations = useMemo(() => [...new Set(chain.items.map((r) => r.expiration))].sort(), [chain]);
  const rows = useMemo(() => {
    const spot = chain.spot;
    const f = chain.items.filter(
      (r) =>
        (!exp || r.expiration === exp) &&
        (!type || r.type === type) &&
        (!near || !spot || Math.abs(r.strike - spot) <= (spot * near) / 100),
    );
    return sortRows(f, sortKey, dir);
  }, [chain, exp, type, near, sortKey, dir]);

  const clickSort = (k: keyof ChainRow & string) => {
    if (k === sortKey) setDir(dir === 'asc' ? 'desc' : 'asc');
    else {
      setSortKey(k);
      setDir('asc');
    }
  };

  return (
    <>
      <div className="controls">
        <label className="control">
          <span>Expiration</span>
          <select data-testid="chain-expiration" value={exp} onChange={(e) => setExp(e.target.value)}>
            <option value="">all ({expirations.length})</option>
            {expirations.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </label>
        <label className="control">
          <span>Type</span>
          <select data-testid="chain-type" value={type} onChange={(e) => setType(e.target.value as '' | 'C' | 'P')}>
            <option value="">calls & puts</option>
            <option value="C">calls</option>
            <option value="P">puts</option>
          </select>
        </label>
        <label className="control">
          <span>Strikes</span>
          <select data-testid="chain-near" value={near} onChange={(e) => setNear(Number(e.target.value))}>
            {[1, 2, 5, 10, 20].map((p) => (
              <option key={p} value={p}>
                ±{p}% of spot
              </option>
            ))}
            <option value={0}>all</option>
          </select>
        </label>
        <span className="muted" data-testid="chain-count">
          {rows.length.toLocaleString('en-US')} of {chain.items.length.toLocaleString('en-US')} contracts
        </span>
      </div>
      <div className="table-wrap chain-wrap">
        <table className="table chain" data-testid="chain-table" data-sort-key={sortKey} data-sort-dir={dir}>
          <thead>
            <tr>
              {COLS.map((c) => (
                <th
                  key={c.key}
                  className={c.num ? 'num' : undefined}
                  aria-sort={sortKey === c.key ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                  title={c.title}
                >
                  <button type="button" className="sort" data-testid={`sort-${c.key}`} onClick={() => clickSort(c.key)}>
                    {c.label}
                    {sortKey === c.key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>
              ))}
              <th>Flags</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, limit).map((r) => (
              <tr key={r.occ_symbol} data-testid="chain-row" className={r.type === 'C' ? 'call' : 'put'}>
                {COLS.map((c) => (
                  <td key={c.key} className={c.num ? 'num' : undefined} data-col={c.key} data-value={String(r[c.key] ?? '')}>
                    {c.fmt(r)}
                  </td>
                ))}
                <td className="flags">
                  {(r.flags ?? []).map((f) => (
                    <span key={f} className="flag">
                      {f}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > limit && (
        <button type="button" data-testid="chain-more" onClick={() => setLimit(limit + PAGE)}>
          Show {Math.min(PAGE, rows.length - limit)} more
        </button>
      )}
      {rows.length === 0 && <p className="state state-empty">No contracts match these filters; widen them.</p>}
    </>
  );
}

export function ChainPage() {
  const { state, navigate } = useRoute();
  const chain = useChain(state.symbol, state.snapshot);
  return (
    <section className="panel">
      <div className="panel-head">
        <h2>
          {state.symbol} option chain{' '}
          <small>{state.snapshot !== null ? `snapshot #${state.snapshot}` : 'latest snapshot'}</small>
        </h2>
        {state.snapshot !== null && (
          <button type="button" onClick={() => navigate({ snapshot: null })}>
            Show latest
          </button>
        )}
      </div>
      <QueryBoundary
        q={chain}
        testId="chain"
        what="option chain"
        isEmpty={(d) => !d.items?.length}
        empty="This snapshot has no contracts."
      >
        {(c) => (
          <>
            <p className="muted">
              #{c.snapshot_id} · {c.underlying} · spot {fmtPrice(c.spot)} · {fmtTimeEt(c.as_of)}
            </p>
            <ChainTable key={c.snapshot_id} chain={c} />
          </>
        )}
      </QueryBoundary>
    </section>
  );
}
