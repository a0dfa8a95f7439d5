import { RecordsSection } from '../components/RecordsSection';

export function BacktestsPage() {
  return <RecordsSection id="backtests" title="Backtests" path="/api/backtests" />;
}
