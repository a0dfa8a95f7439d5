// Paper trading: the shapes the service returns (services/gammadesk/api/trading_routes.cpp; orders,
// trades, marks and PnL from libs/execution/src/json.cpp; decisions from
// libs/strategy/src/decision_json.cpp) and the pure functions the Trading page derives from them.
import { DASH, isNum } from './format';

// ---- shapes ----

export interface Alarm {
  alarm_id: number;
  at: string;
  kind: string;
  key: string;
  message: string;
}

export interface TradingStatus {
  trading_enabled: boolean;
  kill_switch: boolean;
  alarms: Alarm[];
  entries_blocked: boolean;
  /** Present only when trading is enabled. */
  broker?: string;
  reconciled?: boolean;
  last_tick?: string | null;
  last_error?: string | null;
}

export interface DecisionLeg {
  occ_symbol: string;
  strike: number | null;
  right: 'P' | 'C';
  side: string;
  quantity: number;
  bid: number | null;
  ask: number | null;
  mid: number | null;
  iv: number | null;
  delta: number | null;
}

export interface SpreadPrices {
  credit_mid: number | null;
  combo_spread: number | null;
  credit_fill: number | null;
  credit_limit: number | null;
  width: number | null;
  max_loss: number | null;
  multiplier: number;
  credit_mid_dollars: number | null;
  credit_limit_dollars: number | null;
  max_loss_dollars: number | null;
}

export interface Candidate {
  target_dte: number;
  target_delta: number;
  spread: 'put_credit' | 'call_credit' | string;
  reason: string;
  message: string;
  expiration: string | null;
  actual_dte: number | null;
  short_leg: DecisionLeg | null;
  long_leg: DecisionLeg | null;
  prices: SpreadPrices | null;
}

export interface DecisionBody {
  action: 'TRADE' | 'SKIP';
  reason: string;
  message: string;
  quantity?: number;
  /** Index into candidates of the traded one (TRADE only). */
  chosen: number | null;
  candidates: Candidate[];
  risk?: Record<string, unknown>;
  chain_as_of?: string | null;
}

export interface Decision {
  decision_id: number;
  trade_date: string;
  slot: string;
  underlying: string;
  source: 'scheduled' | 'manual';
  action: 'TRADE' | 'SKIP';
  reason: string;
  message: string;
  evaluated_at: string;
  snapshot_id: number | null;
  snapshot_checksum: string;
  config_hash: string;
  order_tag: string | null;
  decision: DecisionBody | null;
  /** Only in the answer of POST /api/admin/decide-now. */
  already_decided?: boolean;
}

export interface OrderLeg {
  option_symbol: string;
  side: string;
}

export interface Order {
  tag: string;
  intent: 'open' | 'close';
  type: 'credit' | 'debit';
  underlying: string;
  legs: OrderLeg[];
  quantity: number;
  limit_price: number;
  state: string;
  broker_id: string | null;
  filled_quantity: number;
  avg_fill_price: number;
  sends: number;
  reject_reason: string;
  replace_price: number | null;
  created_at: string;
  updated_at: string;
  broker: string;
  decision_id: number | null;
  trade_id: string | null;
  previous_tag: string | null;
}

export interface OrderEvent {
  seq: number;
  at: string;
  from: string;
  to: string;
  event: { type: string } & Record<string, unknown>;
  commands: ({ kind: string } & Record<string, unknown>)[];
  note: string;
}

export interface Fill {
  at: string;
  quantity: number;
  price: number;
  cumulative_quantity: number;
}

export interface OrderDetail extends Order {
  events: OrderEvent[];
  fills: Fill[];
}

export interface Mark {
  at: string;
  mid_debit: number;
  close_debit: number;
}

export interface TradePnl {
  trade_id: string;
  open: boolean;
  fees: number;
  max_risk: number;
  realized: number;
  unrealized_mid: number;
  unrealized_close: number;
  realized_pct: number;
  unrealized_mid_pct: number;
  unrealized_close_pct: number;
}

export interface Vertical {
  right: 'put' | 'call';
  short_strike: number;
  long_strike: number;
  short_symbol: string;
  long_symbol: string;
  width: number;
  expiration: string;
  settlement: 'pm' | 'am';
}

export interface Trade {
  id: string;
  spread: Vertical;
  quantity: number;
  entry_credit: number;
  opened_at: string;
  status: 'open' | 'closed';
  exit_debit: number | null;
  exit_reason: 'none' | 'take_profit' | 'stop_loss' | 'settlement' | 'manual' | string;
  closed_at: string | null;
  closed_on: string | null;
  exit_order_tag: string;
  max_profit_dollars: number;
  max_risk_dollars: number;
  decision_id: number | null;
  latest_mark: Mark | null;
  pnl: TradePnl;
}

export interface Position {
  trade_id: string;
  expiration: string;
  right: 'P' | 'C';
  legs: { occ_symbol: string; quantity: number }[];
  entry_credit: number;
  latest_mark: Mark | null;
  pnl: TradePnl;
}

export interface Positions {
  items: Position[];
  unrealized_close: number;
  as_of: string;
}

export interface DayPnl {
  day: string;
  trades_closed: number;
  trades_open: number;
  realized: number;
  unrealized_mid: number;
  unrealized_close: number;
  fees: number;
  max_risk: number;
  realized_pct: number;
  total_close_pct: number;
}

export interface DailyPnl {
  from: string;
  to: string;
  items: DayPnl[];
  realized_total: number;
  currency: string;
}

export interface StrategyConfig {
  trading_enabled: boolean;
  broker: string;
  config_hash?: string;
  strategy?: { slots?: { time: string; window_minutes: number; candidates: { dte: number; short_delta: number }[] }[] } & Record<
    string,
    unknown
  >;
  management?: Record<string, unknown>;
  fill_model?: Record<string, unknown>;
  orders?: Record<string, unknown>;
}

// ---- formatting ----

/** Dollars with cents, sign first: $1,234.50, -$50.00. */
export function fmtUsd(v: unknown): string {
  if (!isNum(v)) return DASH;
  const s = Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${v < 0 && Math.abs(v) >= 0.005 ? '-' : ''}$${s}`;
}

/** A signed dollar amount: +$12.00 / -$50.00 / $0.00. */
export function fmtSignedUsd(v: unknown): string {
  if (!isNum(v)) return DASH;
  return v >= 0.005 ? `+${fmtUsd(v)}` : fmtUsd(v);
}

/** A percentage that is already in percent (the API's *_pct): -2.33%. */
export function fmtPct(v: unknown, digits = 2): string {
  if (!isNum(v)) return DASH;
  const s = v.toFixed(digits);
  return `${Number(s) > 0 ? '+' : ''}${Number(s) === 0 ? (0).toFixed(digits) : s}%`;
}

/** A per-share option price (credit, debit, limit): 3.50. */
export function fmtOptPrice(v: unknown): string {
  if (!isNum(v)) return DASH;
  return v.toFixed(2);
}

/** Delta with its sign: -0.199. */
export function fmtDelta(v: unknown): string {
  if (!isNum(v)) return DASH;
  return v.toFixed(3);
}

/** Class for a PnL number: pos, neg or nothing. */
export function pnlClass(v: unknown): string | undefined {
  if (!isNum(v) || Math.abs(v) < 0.005) return undefined;
  return v > 0 ? 'pos' : 'neg';
}

export const EXIT_REASON_LABEL: Record<string, string> = {
  take_profit: 'take profit',
  stop_loss: 'stop loss',
  settlement: 'settlement',
  manual: 'manual',
  none: DASH,
};

export function exitReasonLabel(r: unknown): string {
  if (typeof r !== 'string' || r === '') return DASH;
  return EXIT_REASON_LABEL[r] ?? r.replace(/_/g, ' ');
}

/** "new" -> "new", "partially_filled" -> "partially filled". */
export function stateLabel(s: string): string {
  return s.replace(/_/g, ' ');
}

/**
 * Whether the trades and positions lists were read on two sides of a fill: a position whose trade
 * the trades list shows as no longer open, or an open trade listed without its position. Only
 * trades the list holds are judged (it is capped), so an older open trade never counts.
 */
export function listsDisagree(trades: Pick<Trade, 'id' | 'status'>[], positions: Pick<Position, 'trade_id'>[]): boolean {
  const held = new Set(positions.map((p) => p.trade_id));
  const status = new Map(trades.map((t) => [t.id, t.status]));
  return (
    positions.some((p) => status.has(p.trade_id) && status.get(p.trade_id) !== 'open') ||
    trades.some((t) => t.status === 'open' && !held.has(t.id))
  );
}

const TERMINAL = new Set(['filled', 'cancelled', 'rejected', 'expired']);
export function isTerminalState(s: string): boolean {
  return TERMINAL.has(s);
}

/** How an order state should look: done, working, failed or uncertain. */
export function orderStateTone(s: string): 'done' | 'working' | 'failed' | 'uncertain' {
  if (s === 'filled') return 'done';
  if (s === 'rejected' || s === 'cancelled' || s === 'expired') return 'failed';
  if (s === 'unknown') return 'uncertain';
  return 'working';
}

export interface OccParts {
  root: string;
  expiration: string;
  right: 'P' | 'C';
  strike: number;
}

/** An OCC option symbol (SPXW261119P05655000) split into root, expiration, right and strike. */
export function parseOcc(sym: string): OccParts | null {
  const m = /^([A-Z.]{1,6})(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/.exec(sym.replace(/\s+/g, ''));
  if (!m) return null;
  return { root: m[1], expiration: `20${m[2]}-${m[3]}-${m[4]}`, right: m[5] as 'P' | 'C', strike: Number(m[6]) / 1000 };
}

/** "-1 SPXW 5655P" for a leg; the raw symbol when it does not parse. */
export function legLabel(sym: string, quantity?: number): string {
  const p = parseOcc(sym);
  const q = quantity === undefined ? '' : `${quantity > 0 ? '+' : ''}${quantity} `;
  return p ? `${q}${p.root} ${p.strike}${p.right}` : `${q}${sym}`;
}

/** "5655/5630 put" for a vertical. */
export function spreadLabel(v: Pick<Vertical, 'short_strike' | 'long_strike' | 'right'>): string {
  return `${v.short_strike}/${v.long_strike} ${v.right}`;
}

/** Short and long strikes of a position from its legs (quantity < 0 is the short). */
export function positionStrikes(p: Pick<Position, 'legs'>): { short: number | null; long: number | null } {
  const short = p.legs.find((l) => l.quantity < 0);
  const long = p.legs.find((l) => l.quantity > 0);
  return { short: short ? (parseOcc(short.occ_symbol)?.strike ?? null) : null, long: long ? (parseOcc(long.occ_symbol)?.strike ?? null) : null };
}

/** The traded candidate of a decision, if any. */
export function chosenCandidate(d: Pick<Decision, 'decision'>): Candidate | null {
  const body = d.decision;
  if (!body || body.chosen === null || body.chosen === undefined) return null;
  return body.candidates?.[body.chosen] ?? null;
}

// ---- decisions by day and slot ----

export const DEFAULT_SLOTS = ['10:00', '11:00', '12:00'];

export function slotsOf(cfg: StrategyConfig | undefined): string[] {
  const s = cfg?.strategy?.slots?.map((x) => x.time).filter((t): t is string => typeof t === 'string');
  return s && s.length > 0 ? s : DEFAULT_SLOTS;
}

/** Trade dates present in the decisions, newest first. */
export function decisionDays(ds: Pick<Decision, 'trade_date'>[]): string[] {
  return [...new Set(ds.map((d) => d.trade_date))].sort().reverse();
}

export interface SlotDecisions<D> {
  slot: string;
  decisions: D[];
}

/**
 * One row per configured slot (in order) with that day's decisions for it, oldest first; a slot
 * that only has decisions outside the configuration is appended after the configured ones.
 */
export function decisionsBySlot<D extends Pick<Decision, 'trade_date' | 'slot' | 'evaluated_at' | 'decision_id'>>(
  ds: D[],
  day: string,
  slots: string[],
): SlotDecisions<D>[] {
  const that = ds.filter((d) => d.trade_date === day);
  const names = [...slots];
  for (const d of that) if (!names.includes(d.slot)) names.push(d.slot);
  return names.map((slot) => ({
    slot,
    decisions: that
      .filter((d) => d.slot === slot)
      .sort((a, b) => (a.evaluated_at < b.evaluated_at ? -1 : a.evaluated_at > b.evaluated_at ? 1 : a.decision_id - b.decision_id)),
  }));
}

// ---- daily PnL ----

export interface PnlSeries {
  days: string[];
  realized: number[];
  /** Open trades, at the closing side: only the last day has any. */
  unrealized: number[];
  /** Running total of realized PnL plus that day's open PnL (closing side). */
  cumulative: number[];
}

export function pnlSeries(items: DayPnl[]): PnlSeries {
  const sorted = [...items].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  let run = 0;
  const out: PnlSeries = { days: [], realized: [], unrealized: [], cumulative: [] };
  for (const d of sorted) {
    const r = isNum(d.realized) ? d.realized : 0;
    const u = isNum(d.unrealized_close) ? d.unrealized_close : 0;
    run += r;
    out.days.push(d.day);
    out.realized.push(round2(r));
    out.unrealized.push(round2(u));
    out.cumulative.push(round2(run + u));
  }
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

// ---- strategy config ----

/** A nested JSON object as dotted key/value rows: { a: { b: 1 } } -> [["a.b", "1"]]. Arrays of objects are indexed. */
export function flattenConfig(v: unknown, prefix = ''): [string, string][] {
  if (v === null || v === undefined) return prefix ? [[prefix, DASH]] : [];
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return [[prefix, v.join(', ')]];
    return v.flatMap((x, i) => flattenConfig(x, `${prefix}[${i}]`));
  }
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => flattenConfig(x, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, String(v)]];
}

/** A slot's candidates as "3 DTE at 0.10Δ, 3 DTE at 0.20Δ". */
export function slotRuleLabel(s: { candidates: { dte: number; short_delta: number }[] }): string {
  return s.candidates.map((c) => `${c.dte} DTE at ${c.short_delta.toFixed(2)}Δ`).join(', ');
}

// ---- admin errors ----

/** One line for a failed admin action: "409 conflict: trade x is already closed". */
export function actionErrorLine(e: { status?: number; code?: string; message?: string } | null | undefined): string {
  if (!e) return '';
  const head = [e.status ? String(e.status) : '', e.code ?? ''].filter(Boolean).join(' ');
  return head ? `${head}: ${e.message ?? ''}` : (e.message ?? '');
}

/** "10:00, 11:00 and 12:00" */
export function listSentence(xs: string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** The empty-state line of the trading sections. */
export function notYetLine(what: string, slots: string[]): string {
  return `No ${what} yet — decisions run at ${listSentence(slots)} ET on trading days`;
}

/** An order event (libs/execution event_to_json) in words: "accepted (broker id 1)", "fill 1 at 3.50". */
export function describeEvent(e: { type: string } & Record<string, unknown>): string {
  const n = (k: string) => (isNum(e[k]) ? (e[k] as number) : null);
  const s = (k: string) => (typeof e[k] === 'string' && e[k] !== '' ? (e[k] as string) : null);
  switch (e.type) {
    case 'accepted':
      return `accepted${s('broker_id') ? ` (broker id ${s('broker_id')})` : ''}`;
    case 'rejected':
      return `rejected${s('reason') ? `: ${s('reason')}` : ''}`;
    case 'fill':
      return `fill: ${n('cumulative_quantity') ?? '?'} filled, avg ${fmtOptPrice(n('avg_price'))}`;
    case 'reprice':
      return `re-priced to ${fmtOptPrice(n('new_limit'))}`;
    case 'send_outcome_unknown':
      return `send outcome unknown${s('detail') ? `: ${s('detail')}` : ''}`;
    case 'lookup_found': {
      const parts = [s('status') ? `broker says ${s('status')}` : 'found at the broker'];
      if (n('exec_quantity')) parts.push(`${n('exec_quantity')} executed at ${fmtOptPrice(n('avg_fill_price'))}`);
      if (s('reason')) parts.push(s('reason') as string);
      return parts.join(', ');
    }
    default:
      return e.type.replace(/_/g, ' ');
  }
}
