// The REST client. Same origin by default; VITE_API_BASE for a separately deployed dashboard.
// Every failure becomes an ApiError whose kind tells the UI what to say and what the user can do.

export const API_BASE: string = (import.meta.env.VITE_API_BASE ?? '').replace(/\/+$/, '');

export type ApiErrorKind =
  | 'network' // the service could not be reached
  | 'not_available' // the route does not exist on this server (yet)
  | 'no_data' // a 404 from an existing route: nothing stored yet
  | 'unauthorized' // 401/403
  | 'bad_request' // 400/422
  | 'conflict' // 409: the action does not fit the current state (trade closed, trading disabled)
  | 'unavailable' // 503 (database down, not ready)
  | 'server' // other 5xx
  | 'bad_response'; // 2xx that is not the JSON we expected

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly code: string;
  readonly path: string;
  readonly method: string;

  constructor(kind: ApiErrorKind, status: number, code: string, message: string, path: string, method = 'GET') {
    super(message);
    this.method = method;
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.path = path;
  }
}

export function classify(status: number, code: string, message: string): ApiErrorKind {
  if (status === 404) {
    // The service answers unknown routes with "no route for GET /api/..."; an existing route that
    // has nothing to show uses its own code or message.
    if (code === 'not_found' && /^no route for /i.test(message)) return 'not_available';
    return 'no_data';
  }
  if (status === 405) return 'not_available';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 400 || status === 422) return 'bad_request';
  if (status === 409) return 'conflict';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'server';
  return 'bad_response';
}

export type Params = Record<string, string | number | boolean | null | undefined>;

export function apiUrl(path: string, params?: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === null || v === undefined || v === '') continue;
    q.set(k, String(v));
  }
  const qs = q.toString().replace(/%3A/g, ':').replace(/%2C/g, ',');
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

interface RequestOptions {
  method?: 'GET' | 'POST';
  params?: Params;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

export async function apiRequest<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const url = apiUrl(path, opts.params);
  let res: Response;
  try {
    res = await fetch(url, {
      method: opts.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...opts.headers,
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
      cache: 'no-store',
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError('network', 0, 'network', `cannot reach the API at ${API_BASE || window.location.origin}`, path, opts.method);
  }
  const text = await res.text().catch(() => '');
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    const code = err?.code ?? `http_${res.status}`;
    const message = err?.message ?? (text.slice(0, 200) || res.statusText || `HTTP ${res.status}`);
    throw new ApiError(classify(res.status, code, message), res.status, code, message, path, opts.method);
  }
  if (body === undefined) {
    throw new ApiError('bad_response', res.status, 'bad_response', 'the server sent a response that is not JSON', path, opts.method);
  }
  return body as T;
}

export const apiGet = <T>(path: string, params?: Params, signal?: AbortSignal) =>
  apiRequest<T>(path, { params, signal });

/** A POST to an admin route with the admin key (X-API-Key) when there is one. */
export const apiAdminPost = <T>(path: string, key: string | null, body?: unknown) =>
  apiRequest<T>(path, { method: 'POST', headers: key ? { 'X-API-Key': key } : {}, body });

// ---- Response shapes (as documented by the service) ----

export interface Info {
  service: string;
  version: string;
  git_sha: string;
  started_at: string;
  provider: string;
  underlying: string;
  snapshot_interval_minutes: number;
  snapshot_dte_targets: number[];
  admin_key_required: boolean;
}

export interface SnapshotRow {
  snapshot_id: number;
  ts: string;
  underlying: string;
  target_dte: number | null;
  expiration: string | null;
  checksum: string;
  provider?: string;
  actual_dte_days?: number | null;
  kind?: 'target' | 'full_chain' | string;
  contract_count?: number;
  spot?: number | null;
}

export interface SnapshotList {
  items: SnapshotRow[];
  next_cursor?: string | number | null;
}

export interface InsertedSnapshot {
  target_dte: number | null;
  expiration: string | null;
  actual_dte_days: number | null;
  checksum: string;
  snapshot_id?: number | null;
  kind?: string;
  spooled?: boolean;
  contracts?: number;
}

export interface RunSnapshotResult {
  skipped: boolean;
  reason: string | null;
  now_et: string;
  provider?: string;
  inserted: InsertedSnapshot[];
  full_chain?: InsertedSnapshot | null;
  index_price?: number | null;
  errors?: string[];
}

export interface VerifyResult {
  ok: boolean;
  snapshot_id: number;
  stored_checksum: string;
  computed_checksum: string;
}

export interface RealizedVol {
  underlying: string;
  rv_1h: number | null;
  rv_1d: number | null;
  as_of: string | null;
  bars: number;
}

export interface Levels {
  underlying: string;
  snapshot_id: number;
  as_of: string;
  provider: string;
  spot: number | null;
  gamma_flip: number | null;
  gamma_flips?: number[];
  regime: 'positive' | 'negative' | string | null;
  net_gex: number | null;
  call_wall: number | null;
  put_wall: number | null;
  call_wall_unconstrained?: number | null;
  put_wall_unconstrained?: number | null;
  call_oi_wall?: number | null;
  put_oi_wall?: number | null;
  max_abs_net_gex_strike?: number | null;
  abs_gamma_strike?: number | null;
  max_pain?: number | null;
  atm_iv?: number | null;
  expected_move?: number | null;
}

export interface LevelsList {
  items: Levels[];
}

export interface StrikeRow {
  strike: number;
  call_gex: number;
  put_gex: number;
  net_gex: number;
  abs_gex: number;
  cum_net_gex?: number;
  call_oi: number;
  put_oi: number;
  call_volume: number;
  put_volume: number;
  dex?: number;
  vex?: number;
  cex?: number;
}

export interface ExposureReport {
  underlying: string;
  snapshot_id: number;
  provider: string;
  as_of: string;
  spot: number;
  parameters: Record<string, unknown>;
  scope: { kind: string; label: string; expirations: string[] };
  totals: Record<string, number>;
  levels: Partial<Levels> & Record<string, unknown>;
  strikes: StrikeRow[];
  top: { by_oi: Record<string, unknown>[]; by_volume: Record<string, unknown>[]; by_pc_ratio: Record<string, unknown>[] };
}

export interface Profile {
  spot: number;
  levels: { price: number; gex: number; dex?: number }[];
  gamma_flip: number | null;
  gamma_flips?: number[];
}

export interface ExpiryRow {
  expiration: string;
  dte: number;
  settlement?: string;
  call_gex: number;
  put_gex: number;
  net_gex: number;
  abs_gex: number;
  dex?: number;
  vex?: number;
  cex?: number;
  call_oi?: number;
  put_oi?: number;
  call_volume?: number;
  put_volume?: number;
  atm_iv?: number | null;
  expected_move_straddle?: number | null;
  expected_move_sigma?: number | null;
  skew_25d?: number | null;
  max_pain?: number | null;
  quality?: { grade: string; liquid_strikes?: number; reason?: string | null };
}

export interface Heatmap {
  metric: string;
  expirations: string[];
  strikes: number[];
  values: (number | null)[][];
}

export interface ChainRow {
  occ_symbol: string;
  root?: string;
  expiration: string;
  strike: number;
  type: 'C' | 'P';
  bid: number | null;
  ask: number | null;
  mid: number | null;
  last?: number | null;
  volume: number | null;
  open_interest: number | null;
  iv: number | null;
  delta: number | null;
  gamma: number | null;
  vega?: number | null;
  theta?: number | null;
  vendor_iv?: number | null;
  vendor_delta?: number | null;
  vendor_gamma?: number | null;
  flags?: string[];
}

export interface Chain {
  snapshot_id: number;
  underlying: string;
  as_of: string;
  spot: number | null;
  items: ChainRow[];
}
