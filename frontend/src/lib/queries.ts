// TanStack Query hooks, one per endpoint. Query keys carry every parameter so views that share a
// request (Exposure and OI pages use the same report) share the cache.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  apiGet,
  ApiError,
  type Chain,
  type ExposureReport,
  type ExpiryRow,
  type Heatmap,
  type Info,
  type LevelsList,
  type Profile,
  type RealizedVol,
  type SnapshotList,
} from './api';
import { formatScope, type Scope } from './scope';

export function shouldRetry(failureCount: number, err: unknown): boolean {
  if (!(err instanceof ApiError)) return failureCount < 1;
  // Only transient failures are retried, once; 4xx answers will not change by asking again.
  return (err.kind === 'network' || err.kind === 'unavailable' || err.kind === 'server') && failureCount < 1;
}

export const useInfo = (pollMs: number | false) =>
  useQuery({
    queryKey: ['info'],
    queryFn: ({ signal }) => apiGet<Info>('/api/info', undefined, signal),
    refetchInterval: pollMs,
    retry: false,
  });

/**
 * Levels for several underlyings in one call. If the server refuses the whole list because some
 * symbol has no data (404) or is not accepted (400), ask per symbol and keep the ones it has.
 */
export async function fetchLevels(symbols: string[], signal?: AbortSignal): Promise<LevelsList> {
  try {
    return await apiGet<LevelsList>('/api/exposure/levels', { underlying: symbols.join(',') }, signal);
  } catch (e) {
    if (symbols.length < 2 || !(e instanceof ApiError) || (e.kind !== 'no_data' && e.kind !== 'bad_request')) throw e;
    const parts = await Promise.allSettled(
      symbols.map((s) => apiGet<LevelsList>('/api/exposure/levels', { underlying: s }, signal)),
    );
    const items = parts.flatMap((p) => (p.status === 'fulfilled' ? p.value.items : []));
    const hard = parts.find(
      (p) => p.status === 'rejected' && !(p.reason instanceof ApiError && (p.reason.kind === 'no_data' || p.reason.kind === 'bad_request')),
    );
    if (hard && hard.status === 'rejected') throw hard.reason;
    if (items.length === 0) throw e;
    return { items };
  }
}

export const useLevels = (symbols: string[]) =>
  useQuery({
    queryKey: ['levels', symbols.join(',')],
    queryFn: ({ signal }) => fetchLevels(symbols, signal),
  });

export const useRealizedVol = (symbol: string) =>
  useQuery({
    queryKey: ['rv', symbol],
    queryFn: ({ signal }) => apiGet<RealizedVol>('/api/realized-vol', { underlying: symbol }, signal),
  });

export const useExposure = (symbol: string, scope: Scope, windowPct: number) =>
  useQuery({
    queryKey: ['exposure', symbol, formatScope(scope), windowPct],
    queryFn: ({ signal }) =>
      apiGet<ExposureReport>(
        '/api/exposure',
        { underlying: symbol, scope: formatScope(scope), strike_window_pct: windowPct },
        signal,
      ),
  });

export const useProfile = (symbol: string, scope: Scope) =>
  useQuery({
    queryKey: ['profile', symbol, formatScope(scope)],
    queryFn: ({ signal }) => apiGet<Profile>('/api/exposure/profile', { underlying: symbol, scope: formatScope(scope) }, signal),
  });

export const useByExpiry = (symbol: string) =>
  useQuery({
    queryKey: ['by-expiry', symbol],
    queryFn: ({ signal }) => apiGet<{ items: ExpiryRow[] }>('/api/exposure/by-expiry', { underlying: symbol }, signal),
  });

export const useHeatmap = (symbol: string, metric: string) =>
  useQuery({
    queryKey: ['heatmap', symbol, metric],
    queryFn: ({ signal }) => apiGet<Heatmap>('/api/exposure/heatmap', { underlying: symbol, metric }, signal),
  });

export const useChain = (symbol: string, snapshot: number | null) =>
  useQuery({
    queryKey: ['chain', snapshot ?? symbol],
    queryFn: ({ signal }) =>
      apiGet<Chain>('/api/chain', snapshot !== null ? { snapshot_id: snapshot } : { underlying: symbol }, signal),
  });

export const useSnapshots = (symbol: string | null) =>
  useInfiniteQuery({
    queryKey: ['snapshots', symbol ?? '*'],
    initialPageParam: null as string | number | null,
    queryFn: ({ pageParam, signal }) =>
      apiGet<SnapshotList>('/api/chain-snapshots', { limit: 50, underlying: symbol, cursor: pageParam }, signal),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** Endpoints whose shape is not settled yet (trading, backtests): a list of records. */
export const useRecords = (path: string) =>
  useQuery({
    queryKey: ['records', path],
    queryFn: async ({ signal }) => {
      const body = await apiGet<unknown>(path, undefined, signal);
      if (Array.isArray(body)) return body as Record<string, unknown>[];
      const items = (body as { items?: unknown }).items;
      if (Array.isArray(items)) return items as Record<string, unknown>[];
      return [body as Record<string, unknown>];
    },
  });
