import { Fragment, useState } from 'react';
import { ErrorBox, Loading, QueryBoundary } from '../../components/states';
import { fmtTimeEt } from '../../lib/format';
import { describeEvent, fmtOptPrice, legLabel, notYetLine, orderStateTone, stateLabel, type Order } from '../../lib/trading';
import { useOrderDetail, useOrders } from '../../lib/tradingQueries';

const COLS = 11;

function EventLog({ tag }: { tag: string }) {
  const q = useOrderDetail(tag);
  if (q.data === undefined) return q.isError ? <ErrorBox error={q.error} onRetry={() => void q.refetch()} /> : <Loading what="the event log" />;
  const o = q.data;
  return (
    <div className="event-log" data-testid={`order-events-${tag}`}>
      <table className="table">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>At</th>
            <th>Transition</th>
            <th>Event</th>
            <th>Commands</th>
            <th>Note</th>
          </tr>
        </thead>
        <tbody>
          {o.events.map((e) => (
            <tr key={e.seq} data-testid="order-event-row" data-event={e.event.type} data-to={e.to}>
              <td className="num">{e.seq}</td>
              <td>{fmtTimeEt(e.at)}</td>
              <td>
                {e.from === e.to ? stateLabel(e.to) : `${stateLabel(e.from)} → ${stateLabel(e.to)}`}
              </td>
              <td className="wrap">{describeEvent(e.event)}</td>
              <td className="wrap mono">{e.commands.map((c) => c.kind + (c.price != null ? ` @ ${fmtOptPrice(c.price)}` : '')).join(', ')}</td>
              <td className="wrap">{e.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {o.fills.length > 0 ? (
        <p data-testid={`order-fills-${tag}`}>
          Fills:{' '}
          {o.fills.map((f, i) => (
            <span key={i}>
              {i > 0 ? '; ' : ''}
              {f.quantity} at {fmtOptPrice(f.price)} ({fmtTimeEt(f.at)}, {f.cumulative_quantity} in all)
            </span>
          ))}
        </p>
      ) : (
        <p className="muted">No fills.</p>
      )}
      {o.reject_reason && <p className="neg">Rejected: {o.reject_reason}</p>}
    </div>
  );
}

function Table({ items }: { items: Order[] }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (tag: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(tag)) n.delete(tag);
      else n.add(tag);
      return n;
    });
  return (
    <div className="table-wrap">
      <table className="table" data-testid="orders-table">
        <thead>
          <tr>
            <th />
            <th>Tag</th>
            <th>Intent</th>
            <th>Legs</th>
            <th>State</th>
            <th className="num">Limit</th>
            <th className="num">Filled</th>
            <th className="num">Avg price</th>
            <th>Broker id</th>
            <th>Created</th>
            <th>Updated</th>
          </tr>
        </thead>
        <tbody>
          {items.map((o) => (
            <Fragment key={o.tag}>
              <tr data-testid="order-row" data-tag={o.tag} data-state={o.state} data-intent={o.intent}>
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-expanded={open.has(o.tag)}
                    aria-label={`Event log of ${o.tag}`}
                    data-testid={`order-events-toggle-${o.tag}`}
                    onClick={() => toggle(o.tag)}
                  >
                    {open.has(o.tag) ? '▾' : '▸'}
                  </button>
                </td>
                <td className="mono">{o.tag}</td>
                <td>
                  {o.intent === 'open' ? 'entry' : 'exit'} <span className="muted">({o.type})</span>
                </td>
                <td>
                  {o.legs.map((l) => (
                    <div key={l.option_symbol} title={`${l.side} ${l.option_symbol}`}>
                      {l.side.replace(/_/g, ' ')} {legLabel(l.option_symbol)}
                    </div>
                  ))}
                </td>
                <td>
                  <span className={`state-pill tone-${orderStateTone(o.state)}`}>{stateLabel(o.state)}</span>
                  {o.reject_reason ? <div className="neg small-text">{o.reject_reason}</div> : null}
                </td>
                <td className="num">
                  {fmtOptPrice(o.limit_price)}
                  {o.replace_price != null ? <div className="muted">→ {fmtOptPrice(o.replace_price)}</div> : null}
                </td>
                <td className="num">
                  {o.filled_quantity}/{o.quantity}
                </td>
                <td className="num">{o.filled_quantity > 0 ? fmtOptPrice(o.avg_fill_price) : '—'}</td>
                <td className="mono">{o.broker_id ?? '—'}</td>
                <td>{fmtTimeEt(o.created_at)}</td>
                <td>{fmtTimeEt(o.updated_at)}</td>
              </tr>
              {open.has(o.tag) && (
                <tr className="detail-row">
                  <td colSpan={COLS}>
                    <EventLog tag={o.tag} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OrdersSection({ slots }: { slots: string[] }) {
  const q = useOrders();
  return (
    <section className="panel">
      <h2>
        Orders <small>entry and exit orders as the order state machine knows them</small>
      </h2>
      <QueryBoundary q={q} testId="section-orders" what="orders" isEmpty={(d) => d.items.length === 0} empty={notYetLine('orders', slots)}>
        {(d) => <Table items={d.items} />}
      </QueryBoundary>
    </section>
  );
}
