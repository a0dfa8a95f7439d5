import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { KeyPrompt } from '../components/AdminKey';
import { useRoute } from '../components/router';
import { errorText } from '../components/states';
import { ApiError, apiGet, apiRequest, type RunSnapshotResult, type VerifyResult } from '../lib/api';
import { clearAdminKey, getAdminKey, setAdminKey } from '../lib/adminKey';
import { fmtInt, fmtPrice, fmtTimeEt, shortChecksum } from '../lib/format';
import { useInfo, useSnapshots } from '../lib/queries';

function RunResult({ r }: { r: RunSnapshotResult }) {
  const rows = [...(r.inserted ?? []), ...(r.full_chain ? [{ ...r.full_chain, kind: r.full_chain.kind ?? 'full_chain' }] : [])];
  const n = r.inserted?.length ?? 0;
  return (
    <div
      className={`result ${r.skipped ? 'result-skipped' : 'result-ok'}`}
      data-testid="run-snapshot-result"
      data-skipped={String(r.skipped)}
      data-inserted={n}
      data-full-chain={String(!!r.full_chain)}
    >
      {r.skipped ? (
        <p>
          <b>Skipped</b> at {fmtTimeEt(r.now_et)}: {r.reason ?? 'no reason given'}
        </p>
      ) : (
        <p>
          <b>
            Inserted {n} target snapshot{n === 1 ? '' : 's'}
            {r.full_chain ? ' and the full chain' : ''}
          </b>{' '}
          at {fmtTimeEt(r.now_et)}
          {r.provider ? ` from ${r.provider}` : ''}
          {r.index_price != null ? `, index ${fmtPrice(r.index_price)}` : ''}
        </p>
      )}
      {!!r.errors?.length && (
        <ul className="warn-text" data-testid="run-snapshot-warnings">
          {r.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>ID</th>
                <th>Kind</th>
                <th className="num">Target DTE</th>
                <th>Expiration</th>
                <th className="num">Actual DTE</th>
                <th className="num">Contracts</th>
                <th>Checksum</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i, k) => (
                <tr key={`${i.snapshot_id ?? 'x'}-${k}`}>
                  <td>{i.snapshot_id ?? (i.spooled ? 'spooled' : '—')}</td>
                  <td>{i.kind ?? 'target'}</td>
                  <td className="num">{i.target_dte ?? '—'}</td>
                  <td>{i.expiration ?? '—'}</td>
                  <td className="num">{i.actual_dte_days ?? '—'}</td>
                  <td className="num">{fmtInt(i.contracts)}</td>
                  <td className="mono" title={i.checksum}>
                    {shortChecksum(i.checksum)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.some((i) => i.spooled) && (
        <p className="warn-text">
          Some snapshots were spooled to disk because the database was unreachable. They are stored once it is back.
        </p>
      )}
    </div>
  );
}

function VerifyCell({ id }: { id: number }) {
  const m = useMutation({ mutationFn: () => apiGet<VerifyResult>(`/api/chain-snapshots/${id}/verify`) });
  return (
    <span className="verify">
      <button type="button" data-testid={`verify-${id}`} disabled={m.isPending} onClick={() => m.mutate()}>
        {m.isPending ? 'Verifying…' : 'Verify'}
      </button>
      {m.data && (
        <span
          data-testid={`verify-result-${id}`}
          data-ok={String(m.data.ok)}
          className={m.data.ok ? 'pos' : 'neg'}
          title={`stored ${m.data.stored_checksum}\ncomputed ${m.data.computed_checksum}`}
        >
          {m.data.ok ? '✓ checksum matches' : '✗ MISMATCH'}
        </span>
      )}
      {m.error && (
        <span data-testid={`verify-result-${id}`} data-ok="error" className="neg" title={m.error.message}>
          {errorText(m.error).title}
        </span>
      )}
    </span>
  );
}

function SnapshotList({ symbol }: { symbol: string | null }) {
  const q = useSnapshots(symbol);
  const { navigate } = useRoute();
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  let state = 'ready';
  let body: React.ReactNode = null;
  if (q.isPending) {
    state = 'loading';
    body = <p className="state state-loading">Loading snapshots…</p>;
  } else if (q.isError && !q.data) {
    const t = errorText(q.error);
    state = t.state;
    body = (
      <div className={`state state-${t.state}`} data-testid="state-message">
        <strong>{t.title}</strong>
        <p>{t.hint}</p>
        {t.state !== 'not-available' && (
          <button type="button" onClick={() => void q.refetch()}>
            Retry
          </button>
        )}
      </div>
    );
  } else if (rows.length === 0) {
    state = 'empty';
    body = (
      <p className="state state-empty" data-testid="state-message">
        No snapshots{symbol ? ` for ${symbol}` : ''} yet. Use &quot;Run snapshot now&quot; above, or wait for the scheduled
        job (it runs during regular trading hours).
      </p>
    );
  } else {
    body = (
      <>
        {q.isError && (
          <div className="stale-banner" role="alert" data-testid="stale-banner">
            Could not refresh the list: {errorText(q.error).title.toLowerCase()}.
          </div>
        )}
        <div className="table-wrap">
          <table className="table" data-testid="snapshots-table">
            <thead>
              <tr>
                <th>ID</th>
                <th>Time</th>
                <th>Symbol</th>
                <th>Kind</th>
                <th className="num">DTE target</th>
                <th>Expiration</th>
                <th className="num">Contracts</th>
                <th className="num">Spot</th>
                <th>Provider</th>
                <th>Checksum</th>
                <th>Verify</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.snapshot_id} data-testid="snapshot-row" data-id={s.snapshot_id}>
                  <td>
                    <a
                      href="#"
                      onClick={(e) => {
                        e.preventDefault();
                        navigate({ page: 'chain', snapshot: s.snapshot_id, symbol: s.underlying });
                      }}
                      title="Open this snapshot's chain"
                    >
                      {s.snapshot_id}
                    </a>
                  </td>
                  <td>{fmtTimeEt(s.ts)}</td>
                  <td>{s.underlying}</td>
                  <td>{s.kind ?? 'target'}</td>
                  <td className="num">{s.target_dte ?? '—'}</td>
                  <td>
                    {s.expiration ?? '—'}
                    {s.actual_dte_days != null ? ` (${s.actual_dte_days}d)` : ''}
                  </td>
                  <td className="num">{fmtInt(s.contract_count)}</td>
                  <td className="num">{fmtPrice(s.spot)}</td>
                  <td>{s.provider ?? '—'}</td>
                  <td className="mono" title={s.checksum}>
                    {shortChecksum(s.checksum)}
                  </td>
                  <td>
                    <VerifyCell id={s.snapshot_id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {q.hasNextPage && (
          <button type="button" data-testid="snapshots-more" disabled={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
            {q.isFetchingNextPage ? 'Loading…' : 'Load older snapshots'}
          </button>
        )}
      </>
    );
  }
  return (
    <div data-testid="snapshots" data-state={state}>
      {body}
    </div>
  );
}

export function SnapshotsPage() {
  const { state } = useRoute();
  const qc = useQueryClient();
  const info = useInfo(false);
  const [prompt, setPrompt] = useState(false);
  const [onlySymbol, setOnlySymbol] = useState(true);
  const [hasKey, setHasKey] = useState(() => getAdminKey() !== null);
  const run = useMutation({
    mutationFn: (key: string | null) =>
      apiRequest<RunSnapshotResult>('/api/admin/run-snapshot', {
        method: 'POST',
        headers: key ? { 'X-API-Key': key } : {},
      }),
    onSuccess: () => void qc.invalidateQueries(),
    onError: (e) => {
      if (e instanceof ApiError && e.kind === 'unauthorized') {
        clearAdminKey();
        setHasKey(false);
      }
    },
  });

  const start = () => {
    const key = getAdminKey();
    const needsKey = info.data?.admin_key_required ?? true;
    if (needsKey && !key) setPrompt(true);
    else run.mutate(key);
  };

  return (
    <>
      <section className="panel">
        <div className="panel-head">
          <h2>Snapshots</h2>
          <div className="controls">
            <button type="button" className="primary" data-testid="run-snapshot" disabled={run.isPending} onClick={start}>
              {run.isPending ? 'Running…' : 'Run snapshot now'}
            </button>
            {hasKey && (
              <button
                type="button"
                data-testid="forget-admin-key"
                onClick={() => {
                  clearAdminKey();
                  setHasKey(false);
                }}
              >
                Forget admin key
              </button>
            )}
            <label className="control check">
              <input type="checkbox" checked={onlySymbol} onChange={(e) => setOnlySymbol(e.target.checked)} /> only {state.symbol}
            </label>
          </div>
        </div>
        {run.data && !run.isPending && <RunResult r={run.data} />}
        {run.error && !run.isPending && (
          <div className="state state-error" role="alert" data-testid="run-snapshot-error" data-kind={(run.error as ApiError).kind ?? 'error'}>
            <strong>Snapshot failed: {errorText(run.error).title}</strong>
            <p>
              {run.error instanceof ApiError && run.error.kind === 'unauthorized'
                ? `${run.error.message}. The stored key was forgotten; click "Run snapshot now" to enter it again.`
                : errorText(run.error).hint}
            </p>
          </div>
        )}
        {prompt && (
          <KeyPrompt
            what="Running a snapshot"
            action="Run snapshot"
            onCancel={() => setPrompt(false)}
            onSubmit={(k) => {
              setAdminKey(k);
              setHasKey(true);
              setPrompt(false);
              run.mutate(k);
            }}
          />
        )}
        <SnapshotList symbol={onlySymbol ? state.symbol : null} />
      </section>
    </>
  );
}
