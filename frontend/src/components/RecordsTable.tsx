import { fmtByKey } from '../lib/format';
import { columnsOf } from '../lib/series';

/** A table of records whose columns come from the data (trading, backtests, top strikes). */
export function RecordsTable({ rows, testId, max = 200 }: { rows: Record<string, unknown>[]; testId: string; max?: number }) {
  const cols = columnsOf(rows);
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c}>{c.replace(/_/g, ' ')}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, max).map((r, i) => (
            <tr key={i} data-testid={`${testId}-row`}>
              {cols.map((c) => (
                <td key={c} className={typeof r[c] === 'number' ? 'num' : undefined}>
                  {fmtByKey(c, r[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > max && <p className="muted">Showing the first {max} of {rows.length} rows.</p>}
    </div>
  );
}
