import { useRecords } from '../lib/queries';
import { RecordsTable } from './RecordsTable';
import { QueryBoundary } from './states';

/** A panel for an endpoint whose shape is not settled yet: its records as a generic table. */
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
