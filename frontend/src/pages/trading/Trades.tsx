import { QueryBoundary } from '../../components/states';
import { fmtTimeEt } from '../../lib/format';
import { exitReasonLabel, fmtOptPrice, fmtPct, fmtSignedUsd, fmtUsd, notYetLine, pnlClass, spreadLabel, type Trade } from '../../lib/trading';
import { useTrades } from '../../lib/tradingQueries';

function Table({ items }: { items: Trade[] }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="trades-table">
        <thead>
          <tr>
            <th>Opened</th>
            <th>Trade</th>
            <th>Spread</th>
            <th>Expiration</th>
            <th className="num">Qty</th>
            <th>Status</th>
            <th>Exit reason</th>
            <th className="num">Entry credit</th>
            <th className="num">Exit debit</th>
            <th className="num">PnL</th>
            <th className="num">% max risk</th>
            <th className="num">Max risk</th>
            <th>Closed</th>
          </tr>
        </thead>
        <tbody>
          {items.map((t) => {
            const open = t.status === 'open';
            const pnl = open ? t.pnl.unrealized_close : t.pnl.realized;
            const pct = open ? t.pnl.unrealized_close_pct : t.pnl.realized_pct;
            return (
              <tr key={t.id} data-testid="trade-row" data-id={t.id} data-status={t.status} data-exit-reason={t.exit_reason}>
                <td>{fmtTimeEt(t.opened_at)}</td>
                <td className="mono">{t.id}</td>
                <td>{spreadLabel(t.spread)}</td>
                <td>
                  {t.spread.expiration} <span className="muted">{t.spread.settlement.toUpperCase()}</span>
                </td>
                <td className="num">{t.quantity}</td>
                <td>
                  <span className={`state-pill ${open ? 'tone-working' : 'tone-done'}`}>{t.status}</span>
                </td>
                <td data-col="exit_reason">{open ? (t.exit_order_tag ? 'exit working' : '—') : exitReasonLabel(t.exit_reason)}</td>
                <td className="num">{fmtOptPrice(t.entry_credit)}</td>
                <td className="num">{fmtOptPrice(t.exit_debit)}</td>
                <td className={`num ${pnlClass(pnl) ?? ''}`} data-col="pnl" title={open ? 'unrealized at the closing side' : 'realized'}>
                  {fmtSignedUsd(pnl)}
                  {open && <span className="muted"> open</span>}
                </td>
                <td className={`num ${pnlClass(pct) ?? ''}`}>{fmtPct(pct)}</td>
                <td className="num">{fmtUsd(t.max_risk_dollars)}</td>
                <td>{t.closed_at ? fmtTimeEt(t.closed_at) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function TradesSection({ slots }: { slots: string[] }) {
  const q = useTrades();
  return (
    <section className="panel">
      <h2>
        Trades <small>credit verticals; PnL realized when closed, at the closing side while open</small>
      </h2>
      <QueryBoundary q={q} testId="section-trades" what="trades" isEmpty={(d) => d.items.length === 0} empty={notYetLine('trades', slots)}>
        {(d) => <Table items={d.items} />}
      </QueryBoundary>
    </section>
  );
}
