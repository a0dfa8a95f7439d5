// The URL is the state: page in the path, everything a view depends on in the query, so any view
// can be bookmarked or shared. Parsing is forgiving (bad values fall back to defaults) and
// serialising leaves defaults out so URLs stay short.
import { DEFAULT_SCOPE, formatScope, parseScope, type Scope } from './scope';

export const PAGES = ['overview', 'exposure', 'oi', 'chain', 'snapshots', 'trading', 'backtests'] as const;
export type Page = (typeof PAGES)[number];

export const PAGE_TITLES: Record<Page, string> = {
  overview: 'Overview',
  exposure: 'Exposure',
  oi: 'OI & Volume',
  chain: 'Chain',
  snapshots: 'Snapshots',
  trading: 'Trading',
  backtests: 'Backtests',
};

export const VIEWS = ['cp', 'net', 'abs'] as const;
export type GexView = (typeof VIEWS)[number];
export const METRICS = ['gex', 'dex', 'vex', 'cex'] as const;
export type Metric = (typeof METRICS)[number];
export const TOP_TABS = ['oi', 'volume', 'pc'] as const;
export type TopTab = (typeof TOP_TABS)[number];

export const PRESET_SYMBOLS = ['SPX', 'SPY', 'QQQ', 'NDX'] as const;
export const STRIKE_WINDOWS = [2, 5, 10, 20, 50] as const;
export const DEFAULT_WINDOW = 10;

export interface UrlState {
  page: Page;
  symbol: string;
  scope: Scope;
  view: GexView;
  metric: Metric;
  window: number;
  snapshot: number | null;
  tab: TopTab;
}

export const DEFAULT_STATE: UrlState = {
  page: 'overview',
  symbol: 'SPX',
  scope: DEFAULT_SCOPE,
  view: 'cp',
  metric: 'gex',
  window: DEFAULT_WINDOW,
  snapshot: null,
  tab: 'oi',
};

/** Upper-case ticker of 1–10 characters (letters, digits, '.', '/', '^', '_'); null when invalid. */
export function normalizeSymbol(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim().toUpperCase();
  return /^[A-Z0-9.^/_]{1,10}$/.test(s) ? s : null;
}

function pick<T extends string>(list: readonly T[], v: string | null, dflt: T): T {
  return v !== null && (list as readonly string[]).includes(v) ? (v as T) : dflt;
}

function stripBase(pathname: string, base: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  if (pathname.startsWith(b)) return pathname.slice(b.length);
  if (`${pathname}/` === b) return '';
  return pathname.replace(/^\//, '');
}

export function parseUrl(pathname: string, search: string, base = '/'): UrlState {
  const seg = stripBase(pathname, base).split('/')[0] ?? '';
  const q = new URLSearchParams(search);
  const win = Number(q.get('window'));
  const snap = Number(q.get('snapshot'));
  return {
    page: pick(PAGES, seg === '' ? 'overview' : seg, 'overview'),
    symbol: normalizeSymbol(q.get('symbol')) ?? DEFAULT_STATE.symbol,
    scope: parseScope(q.get('scope')) ?? DEFAULT_SCOPE,
    view: pick(VIEWS, q.get('view'), DEFAULT_STATE.view),
    metric: pick(METRICS, q.get('metric'), DEFAULT_STATE.metric),
    window: Number.isFinite(win) && win > 0 && win <= 100 ? win : DEFAULT_WINDOW,
    snapshot: Number.isInteger(snap) && snap > 0 ? snap : null,
    tab: pick(TOP_TABS, q.get('tab'), DEFAULT_STATE.tab),
  };
}

/** Path + query for a state; symbol is always written so a shared link names what it shows. */
export function buildUrl(s: UrlState, base = '/'): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  const q = new URLSearchParams();
  q.set('symbol', s.symbol);
  const scope = formatScope(s.scope);
  if (scope !== 'all') q.set('scope', scope);
  if (s.view !== DEFAULT_STATE.view) q.set('view', s.view);
  if (s.metric !== DEFAULT_STATE.metric) q.set('metric', s.metric);
  if (s.window !== DEFAULT_WINDOW) q.set('window', String(s.window));
  if (s.snapshot !== null) q.set('snapshot', String(s.snapshot));
  if (s.tab !== DEFAULT_STATE.tab) q.set('tab', s.tab);
  return `${b}${s.page}?${q.toString().replace(/%3A/g, ':')}`;
}
