import { RecordsSection } from './Trading';

export function BacktestsPage() {
  return <RecordsSection id="backtests" title="Backtests" path="/api/backtests" />;
}
