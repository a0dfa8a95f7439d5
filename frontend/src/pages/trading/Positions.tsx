import { QueryBoundary } from '../../components/states';
import { fmtTimeEt } from '../../lib/format';
import { fmtOptPrice, fmtPct, fmtSignedUsd, fmtUsd, legLabel, pnlClass, positionStrikes, type Positions as PositionsT } from '../../lib/trading';
import { usePositions } from '../../lib/tradingQueries';
import { useCloseTrade } from './AdminActions';

function Table({ p, canClose, close }: { p: PositionsT; canClose: boolean; close: ReturnType<typeof useCloseTrade> }) {
  return (
    <>
      <p className="muted">
        Unrealized at the closing side:{' '}
        <b className={pnlClass(p.unrealized_close)} data-testid="positions-unrealized">
          {fmtSignedUsd(p.unrealized_close)}
        </b>{' '}
        as of {fmtTimeEt(p.as_of)}
      </p>
      <div className="table-wrap">
        <table className="table" data-testid="positions-table">
          <thead>
            <tr>
              <th>Trade</th>
              <th>Legs</th>
              <th>Expiration</th>
              <th className="num">Entry credit</th>
              <th className="num" title="Mark at the mid of the legs">Mark mid</th>
              <th className="num" title="Debit to close at the closing side (ask of the short, bid of the long)">Close debit</th>
              <th>Marked</th>
              <th className="num" title="Unrealized PnL at the closing-side debit">Unrealized</th>
              <th className="num" title="Unrealized PnL as % of the maximum risk">% max risk</th>
              <th className="num">at mid</th>
              <th className="num">Max risk</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {p.items.map((x) => {
              const k = positionStrikes(x);
              const label = `${k.short ?? '?'}/${k.long ?? '?'}${x.right} ${x.expiration}`;
              return (
                <tr key={x.trade_id} data-testid="position-row" data-trade-id={x.trade_id}>
                  <td className="mono">{x.trade_id}</td>
                  <td>
                    {x.legs.map((l) => (
                      <div key={l.occ_symbol} className={l.quantity < 0 ? 'neg' : 'pos'} title={l.occ_symbol}>
                        {legLabel(l.occ_symbol, l.quantity)}
                      </div>
                    ))}
                  </td>
                  <td>{x.expiration}</td>
                  <td className="num" data-col="entry_credit">{fmtOptPrice(x.entry_credit)}</td>
                  <td className="num" data-col="mid_debit">{fmtOptPrice(x.latest_mark?.mid_debit)}</td>
                  <td className="num" data-col="close_debit">{fmtOptPrice(x.latest_mark?.close_debit)}</td>
                  <td>{x.latest_mark ? fmtTimeEt(x.latest_mark.at) : <span className="muted">not marked yet</span>}</td>
                  <td className={`num ${pnlClass(x.pnl.unrealized_close) ?? ''}`} data-col="unrealized_close">
                    {fmtSignedUsd(x.pnl.unrealized_close)}
                  </td>
                  <td className={`num ${pnlClass(x.pnl.unrealized_close_pct) ?? ''}`}>{fmtPct(x.pnl.unrealized_close_pct)}</td>
                  <td className={`num ${pnlClass(x.pnl.unrealized_mid) ?? ''}`}>{fmtSignedUsd(x.pnl.unrealized_mid)}</td>
                  <td className="num">{fmtUsd(x.pnl.max_risk)}</td>
                  <td>
                    <button
                      type="button"
                      className="danger small"
                      data-testid={`close-trade-${x.trade_id}`}
                      disabled={!canClose || close.pendingId === x.trade_id}
                      title={canClose ? 'Close this trade now (admin)' : 'Trading is disabled on this server'}
                      onClick={() => close.ask(x.trade_id, label)}
                    >
                      {close.pendingId === x.trade_id ? 'Closing…' : 'Close'}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function PositionsSection({ canClose }: { canClose: boolean }) {
  const q = usePositions();
  const close = useCloseTrade();
  return (
    <section className="panel">
      <h2>
        Open positions <small>marked at mid and at the closing side</small>
      </h2>
      {close.outcome}
      {close.dialogs}
      <QueryBoundary
        q={q}
        testId="section-positions"
        what="positions"
        isEmpty={(d) => d.items.length === 0}
        empty="No open positions. An entry fills into a position here; it stays until take profit, stop loss, a manual close or settlement."
      >
        {(p) => <Table p={p} canClose={canClose} close={close} />}
      </QueryBoundary>
    </section>
  );
}
