import { RecordsTable } from '../components/RecordsTable';
import { QueryBoundary } from '../components/states';
import { useRecords } from '../lib/queries';

const SECTIONS = [
  { id: 'decisions', title: 'Decisions', path: '/api/decisions' },
  { id: 'orders', title: 'Orders', path: '/api/orders' },
  { id: 'trades', title: 'Trades', path: '/api/trades' },
  { id: 'positions', title: 'Positions', path: '/api/positions' },
  { id: 'pnl', title: 'Daily PnL', path: '/api/pnl/daily' },
] as const;

export function RecordsSection({ id, title, path }: { id: string; title: string; path: string }) {
  const q = useRecords(path);
  return (
    <section className="panel">
      <h2>{title}</h2>
      <QueryBoundary q={q} testId={`section-${id}`} what={title.toLowerCase()} isEmpty={(d) => d.length === 0} empty={`No ${title.toLowerCase()} recorded yet.`}>
        {(rows) => <RecordsTable rows={rows} testId={`${id}-table`} />}
      </QueryBoundary>
    </section>
  );
}

export function TradingPage() {
  return (
    <>
      {SECTIONS.map((s) => (
        <RecordsSection key={s.id} {...s} />
      ))}
    </>
  );
}
