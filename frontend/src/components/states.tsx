import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api';
import { useRoute } from './router';

export function errorText(err: unknown): { title: string; hint: string; state: string } {
  if (!(err instanceof ApiError)) {
    return { title: 'Something went wrong', hint: String((err as Error)?.message ?? err), state: 'error' };
  }
  switch (err.kind) {
    case 'network':
      return {
        title: 'Cannot reach the GammaDesk API',
        hint: 'Check that the service is running (make run) and reachable from this browser. The dashboard retries by itself.',
        state: 'error',
      };
    case 'not_available':
      return {
        title: 'Not available yet',
        hint: `This server does not provide ${err.method} ${err.path} yet. The panel fills in once that endpoint ships; nothing is shown instead of made-up data.`,
        state: 'not-available',
      };
    case 'no_data':
      return {
        title: 'No data stored yet',
        hint: `${err.message}. Take a snapshot on the Snapshots page ("Run snapshot now") or wait for the scheduled job.`,
        state: 'empty',
      };
    case 'unauthorized':
      return { title: 'Not authorised', hint: `${err.message}. Enter the right admin key and try again.`, state: 'error' };
    case 'bad_request':
      return {
        title: 'The server rejected the request',
        hint: `${err.message}. Change the symbol, scope or range and try again.`,
        state: 'error',
      };
    case 'conflict':
      return { title: 'Not possible right now', hint: `${err.message}.`, state: 'error' };
    case 'unavailable':
      return {
        title: 'The service is not ready',
        hint: `${err.message}. It usually recovers on its own (database restarting); retrying.`,
        state: 'error',
      };
    case 'server':
      return { title: 'Server error', hint: `${err.message}. Retry; if it persists, check the service log.`, state: 'error' };
    case 'bad_response':
      return { title: 'Unexpected response', hint: `${err.message} (HTTP ${err.status}).`, state: 'error' };
  }
}

export function Loading({ what }: { what: string }) {
  return (
    <div className="state state-loading" role="status">
      <span className="spinner" aria-hidden /> Loading {what}…
    </div>
  );
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = errorText(error);
  const { navigate } = useRoute();
  return (
    <div className={`state state-${t.state}`} role={t.state === 'error' ? 'alert' : 'status'} data-testid="state-message">
      <strong>{t.title}</strong>
      <p>{t.hint}</p>
      <div className="state-actions">
        {onRetry && t.state !== 'not-available' && (
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        )}
        {t.state === 'empty' && (
          <button type="button" onClick={() => navigate({ page: 'snapshots' })}>
            Go to Snapshots
          </button>
        )}
      </div>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="state state-empty" role="status" data-testid="state-message">
      {children}
    </div>
  );
}

interface BoundaryProps<T> {
  q: UseQueryResult<T>;
  testId: string;
  what: string;
  isEmpty?: (d: T) => boolean;
  empty?: ReactNode;
  children: (d: T) => ReactNode;
  className?: string;
}

/** Loading / error / not-available / empty / ready for one query, with a data-state for tests. */
export function QueryBoundary<T>({ q, testId, what, isEmpty, empty, children, className }: BoundaryProps<T>) {
  let state: string;
  let body: ReactNode;
  if (q.data === undefined) {
    if (q.isError) {
      state = errorText(q.error).state;
      body = <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
    } else {
      state = 'loading';
      body = <Loading what={what} />;
    }
  } else if (isEmpty?.(q.data)) {
    state = 'empty';
    body = <Empty>{empty ?? `No ${what} yet.`}</Empty>;
  } else {
    state = q.isError ? 'stale' : 'ready';
    body = (
      <>
        {q.isError && (
          <div className="stale-banner" role="alert" data-testid="stale-banner">
            Could not refresh {what}: {errorText(q.error).title.toLowerCase()}. Showing the last data received at{' '}
            {new Date(q.dataUpdatedAt).toLocaleTimeString()}.
          </div>
        )}
        {children(q.data)}
      </>
    );
  }
  return (
    <div className={className} data-testid={testId} data-state={state}>
      {body}
    </div>
  );
}
