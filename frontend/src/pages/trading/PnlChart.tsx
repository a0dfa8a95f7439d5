import { useMemo } from 'react';
import { Chart } from '../../components/Chart';
import { QueryBoundary } from '../../components/states';
import { fmtSignedUsd, pnlClass, pnlSeries, type DailyPnl } from '../../lib/trading';
import { pnlOption } from '../../lib/tradingChart';
import { useDailyPnl } from '../../lib/tradingQueries';

function Body({ p }: { p: DailyPnl }) {
  const s = useMemo(() => pnlSeries(p.items), [p.items]);
  const option = useMemo(() => pnlOption(s), [s]);
  const last = p.items[p.items.length - 1];
  return (
    <>
      <p className="muted">
        {p.from} to {p.to}: realized{' '}
        <b className={pnlClass(p.realized_total)} data-testid="pnl-realized-total">
          {fmtSignedUsd(p.realized_total)}
        </b>
        {last && last.trades_open > 0 && (
          <>
            , open trades {fmtSignedUsd(last.unrealized_close)} at the closing side ({fmtSignedUsd(last.unrealized_mid)} at mid)
          </>
        )}
        . Fees are not modelled.
      </p>
      <Chart
        option={option}
        testId="pnl-chart"
        height={260}
        ariaLabel="Daily PnL: realized and open bars per day, cumulative line"
        meta={{ days: s.days.length, cumulative: s.cumulative[s.cumulative.length - 1] ?? 0 }}
      />
    </>
  );
}

export function PnlSection() {
  const q = useDailyPnl();
  return (
    <section className="panel">
      <h2>
        Daily PnL <small>realized per day; open trades on the last day at the closing side; line = cumulative</small>
      </h2>
      <QueryBoundary
        q={q}
        testId="section-pnl"
        what="daily PnL"
        isEmpty={(d) => d.items.length === 0}
        empty={`No PnL between ${q.data?.from ?? '…'} and ${q.data?.to ?? '…'}: no trade was open or closed in those days.`}
      >
        {(p) => <Body p={p} />}
      </QueryBoundary>
    </section>
  );
}
