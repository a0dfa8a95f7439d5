import { useState } from 'react';
import { useRoute } from '../../components/router';
import { QueryBoundary } from '../../components/states';
import { fmtStrike, fmtTimeEt } from '../../lib/format';
import {
  chosenCandidate,
  decisionDays,
  decisionsBySlot,
  fmtDelta,
  fmtOptPrice,
  fmtUsd,
  notYetLine,
  type Candidate,
  type Decision,
} from '../../lib/trading';
import { useDecisions } from '../../lib/tradingQueries';

function Candidates({ d }: { d: Decision }) {
  const cs = d.decision?.candidates ?? [];
  if (cs.length === 0) return <p className="muted">No candidates were evaluated (the decision stopped before: {d.reason}).</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid={`candidates-${d.decision_id}`}>
        <thead>
          <tr>
            <th />
            <th className="num">DTE</th>
            <th className="num">Target Δ</th>
            <th>Side</th>
            <th>Expiration</th>
            <th className="num">Short</th>
            <th className="num">Short Δ</th>
            <th className="num">Long</th>
            <th className="num">Long Δ</th>
            <th className="num">Credit mid</th>
            <th className="num">Limit</th>
            <th className="num">Max loss</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {cs.map((c: Candidate, i) => (
            <tr key={i} data-testid="candidate-row" data-reason={c.reason} className={d.decision?.chosen === i ? 'selected' : undefined}>
              <td>{d.decision?.chosen === i ? '✓' : ''}</td>
              <td className="num">
                {c.target_dte}
                {c.actual_dte !== null && c.actual_dte !== c.target_dte ? ` (${c.actual_dte})` : ''}
              </td>
              <td className="num">{c.target_delta.toFixed(2)}</td>
              <td>{c.spread.replace('_', ' ')}</td>
              <td>{c.expiration ?? '—'}</td>
              <td className="num">{fmtStrike(c.short_leg?.strike)}</td>
              <td className="num">{fmtDelta(c.short_leg?.delta)}</td>
              <td className="num">{fmtStrike(c.long_leg?.strike)}</td>
              <td className="num">{fmtDelta(c.long_leg?.delta)}</td>
              <td className="num">{fmtOptPrice(c.prices?.credit_mid)}</td>
              <td className="num">{fmtOptPrice(c.prices?.credit_limit)}</td>
              <td className="num">{fmtUsd(c.prices?.max_loss_dollars)}</td>
              <td className="wrap">
                <span className="mono">{c.reason}</span> <span className="muted">{c.message}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DecisionRow({ d }: { d: Decision }) {
  const [open, setOpen] = useState(false);
  const { href, navigate } = useRoute();
  const c = chosenCandidate(d);
  const trade = d.action === 'TRADE';
  return (
    <div className="decision" data-testid="decision-row" data-id={d.decision_id} data-action={d.action} data-reason={d.reason} data-source={d.source}>
      <div className="decision-head">
        <span className={`badge ${trade ? 'badge-trade' : 'badge-skip'}`}>{d.action}</span>
        <span className="mono" data-testid="decision-reason">
          {d.reason}
        </span>
        <span className="decision-message">{d.message}</span>
      </div>
      <div className="decision-meta muted">
        {d.source} · {fmtTimeEt(d.evaluated_at)}
        {d.snapshot_id !== null && (
          <>
            {' · snapshot '}
            <a
              href={href({ page: 'chain', snapshot: d.snapshot_id, symbol: d.underlying })}
              data-testid={`decision-snapshot-${d.decision_id}`}
              title="Open the chain of the snapshot this decision used"
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                navigate({ page: 'chain', snapshot: d.snapshot_id, symbol: d.underlying });
              }}
            >
              #{d.snapshot_id}
            </a>
          </>
        )}
        {d.order_tag && (
          <>
            {' · order '}
            <span className="mono">{d.order_tag}</span>
          </>
        )}
        {' · config '}
        <span className="mono" title={d.config_hash}>
          {d.config_hash.slice(0, 8)}
        </span>
      </div>
      {c && (
        <div className="chosen" data-testid="decision-chosen">
          Short <b>{fmtStrike(c.short_leg?.strike)}</b> (Δ {fmtDelta(c.short_leg?.delta)}) / long <b>{fmtStrike(c.long_leg?.strike)}</b> (Δ{' '}
          {fmtDelta(c.long_leg?.delta)}) {c.spread.replace('_', ' ')} on {c.expiration} · credit limit <b>{fmtOptPrice(c.prices?.credit_limit)}</b>{' '}
          (mid {fmtOptPrice(c.prices?.credit_mid)}, {fmtUsd(c.prices?.credit_limit_dollars)}) · max loss {fmtUsd(c.prices?.max_loss_dollars)}
        </div>
      )}
      <button type="button" className="link" data-testid={`candidates-toggle-${d.decision_id}`} aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} {d.decision?.candidates?.length ?? 0} candidate{(d.decision?.candidates?.length ?? 0) === 1 ? '' : 's'}
      </button>
      {open && <Candidates d={d} />}
    </div>
  );
}

function ByDay({ items, slots }: { items: Decision[]; slots: string[] }) {
  const days = decisionDays(items);
  const [chosen, setChosen] = useState<string | null>(null);
  const day = chosen && days.includes(chosen) ? chosen : days[0];
  const rows = decisionsBySlot(items, day, slots);
  return (
    <>
      <div className="controls">
        <label className="control">
          Trade date{' '}
          <select data-testid="decisions-day" value={day} onChange={(e) => setChosen(e.target.value)}>
            {days.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">New York dates; the newest day with decisions is shown first.</span>
      </div>
      <div className="slots" data-testid="decisions-table">
        {rows.map((r) => (
          <div key={r.slot} className="slot" data-testid="decision-slot" data-slot={r.slot} data-count={r.decisions.length}>
            <div className="slot-time">{r.slot} ET</div>
            <div className="slot-body">
              {r.decisions.length === 0 ? (
                <span className="muted">no decision for this slot on {day}</span>
              ) : (
                r.decisions.map((d) => <DecisionRow key={d.decision_id} d={d} />)
              )}
            </div>
          </div>
        ))}
      </div>
    </>
  );
}

export function DecisionsSection({ slots }: { slots: string[] }) {
  const q = useDecisions();
  return (
    <section className="panel">
      <h2>
        Decisions <small>per entry slot: TRADE or SKIP with the reason</small>
      </h2>
      <QueryBoundary q={q} testId="section-decisions" what="decisions" isEmpty={(d) => d.items.length === 0} empty={notYetLine('decisions', slots)}>
        {(d) => <ByDay items={d.items} slots={slots} />}
      </QueryBoundary>
    </section>
  );
}
