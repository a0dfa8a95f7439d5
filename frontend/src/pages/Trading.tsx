// Paper trading: status and operator actions, open positions, today's decisions per slot, orders
// with their event logs, trades, daily PnL and the rules in force. Loaded on first visit (it
// draws a chart, so it pulls in ECharts).
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isTerminalState, listsDisagree, slotsOf } from '../lib/trading';
import { TRADING_KEY, useOrders, usePositions, useStrategyConfig, useTrades, useTradingStatus } from '../lib/tradingQueries';
import { DecisionsSection } from './trading/Decisions';
import { OrdersSection } from './trading/Orders';
import { PnlSection } from './trading/PnlChart';
import { PositionsSection } from './trading/Positions';
import { StatusStrip } from './trading/StatusStrip';
import { StrategyConfigSection } from './trading/StrategyConfig';
import { TradesSection } from './trading/Trades';

const LIVE_MS = 5000;

/**
 * While an order is working, an exit is pending, an open position has no mark yet or the trades
 * and positions lists disagree (read on two sides of a fill), the page refetches every 5 s on its
 * own, so a fill or a first mark shows up without waiting for the app-wide refresh clock, and once
 * more when the work is over.
 */
function useLiveWhileWorking() {
  const qc = useQueryClient();
  const orders = useOrders();
  const trades = useTrades();
  const positions = usePositions();
  const working =
    !!orders.data?.items.some((o) => !isTerminalState(o.state)) ||
    !!trades.data?.items.some((t) => t.status === 'open' && t.exit_order_tag) ||
    !!positions.data?.items.some((p) => p.latest_mark === null) ||
    (!!trades.data && !!positions.data && listsDisagree(trades.data.items, positions.data.items));
  useEffect(() => {
    if (!working) return;
    const id = window.setInterval(() => void qc.invalidateQueries({ queryKey: TRADING_KEY }), LIVE_MS);
    return () => {
      window.clearInterval(id);
      // The round that ended the work may have read some lists before the fill and others after
      // it (positions still holding a trade the trades list shows closed); one more round once
      // nothing is working leaves them consistent. Inactive queries are only marked stale.
      void qc.invalidateQueries({ queryKey: TRADING_KEY });
    };
  }, [working, qc]);
  return working;
}

export function TradingPage() {
  const cfg = useStrategyConfig();
  const status = useTradingStatus();
  const positions = usePositions();
  const slots = slotsOf(cfg.data);
  const working = useLiveWhileWorking();
  const canClose = status.data?.trading_enabled ?? false;
  return (
    <div className="trading" data-testid="trading" data-live={String(working)}>
      <StatusStrip serverNow={positions.data?.as_of} />
      <PositionsSection canClose={canClose} />
      <DecisionsSection slots={slots} />
      <OrdersSection slots={slots} />
      <TradesSection slots={slots} />
      <PnlSection />
      <StrategyConfigSection />
    </div>
  );
}
