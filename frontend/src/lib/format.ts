// Number formatting for traders: dollar exposures as $bn/$mm, strikes without decimals when
// integral, IV as a percentage. Every formatter returns "—" for a missing value, never "NaN".

export const DASH = '—';

export function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Dollar exposure (GEX per 1% move, DEX, ...): $1.23bn, -$456.7mm, $12.3k, $950. */
export function fmtMoney(v: unknown, digits = 2): string {
  if (!isNum(v)) return DASH;
  const sign = v < 0 ? '-' : '';
  const a = Math.abs(v);
  if (a >= 1e12) return `${sign}$${(a / 1e12).toFixed(digits)}tn`;
  if (a >= 1e9) return `${sign}$${(a / 1e9).toFixed(digits)}bn`;
  if (a >= 1e6) return `${sign}$${(a / 1e6).toFixed(digits >= 2 ? 1 : digits)}mm`;
  if (a >= 1e3) return `${sign}$${(a / 1e3).toFixed(1)}k`;
  return `${sign}$${a.toFixed(0)}`;
}

/** Short axis labels: 1.2bn, -350mm, 12k. */
export function fmtMoneyAxis(v: number): string {
  const sign = v < 0 ? '-' : '';
  const a = Math.abs(v);
  const trim = (x: number) => String(Number(x.toFixed(2)));
  if (a >= 1e9) return `${sign}${trim(a / 1e9)}bn`;
  if (a >= 1e6) return `${sign}${trim(a / 1e6)}mm`;
  if (a >= 1e3) return `${sign}${trim(a / 1e3)}k`;
  return `${sign}${trim(a)}`;
}

/** Strike: 5800 (not 5800.00); 412.5 keeps its decimals. */
export function fmtStrike(v: unknown): string {
  if (!isNum(v)) return DASH;
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toFixed(3)));
}

/** Index/underlying price: two decimals with thousands separators. */
export function fmtPrice(v: unknown, digits = 2): string {
  if (!isNum(v)) return DASH;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Implied or realized vol given as a fraction (0.153) -> "15.3%". Values above 3 are taken as percent already. */
export function fmtIv(v: unknown, digits = 1): string {
  if (!isNum(v)) return DASH;
  const pct = Math.abs(v) > 3 ? v : v * 100;
  return `${pct.toFixed(digits)}%`;
}

export function fmtInt(v: unknown): string {
  if (!isNum(v)) return DASH;
  return Math.round(v).toLocaleString('en-US');
}

export function fmtNum(v: unknown, digits = 2): string {
  if (!isNum(v)) return DASH;
  return v.toFixed(digits);
}

export function fmtGreek(v: unknown): string {
  if (!isNum(v)) return DASH;
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 100) return v.toFixed(1);
  if (a >= 1) return v.toFixed(3);
  if (a >= 0.001) return v.toFixed(4);
  return v.toExponential(2);
}

export function fmtRatio(v: unknown): string {
  if (!isNum(v)) return DASH;
  return v.toFixed(2);
}

/** "42 s", "7 min", "3 h 5 min", "2 d". */
export function fmtAge(ms: number): string {
  if (!Number.isFinite(ms)) return DASH;
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d`;
}

/** A UTC ISO timestamp shown in New York time, as traders read it. */
export function fmtTimeEt(iso: unknown): string {
  if (typeof iso !== 'string' || iso === '') return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return (
    d.toLocaleString('en-US', {
      timeZone: 'America/New_York',
      month: 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    }) + ' ET'
  );
}

export function shortChecksum(c: unknown): string {
  if (typeof c !== 'string' || c === '') return DASH;
  return c.length > 12 ? `${c.slice(0, 12)}…` : c;
}

/** Formats a value by its field name: used by the generic tables (trading, backtests, top strikes). */
export function fmtByKey(key: string, v: unknown): string {
  if (v === null || v === undefined) return DASH;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'string') {
    if (/(^|_)(ts|at|time|as_of)$/.test(key) && /^\d{4}-\d{2}-\d{2}T/.test(v)) return fmtTimeEt(v);
    if (key === 'checksum') return shortChecksum(v);
    return v;
  }
  if (!isNum(v)) return String(v);
  const k = key.toLowerCase();
  if (/(gex|dex|vex|cex)$/.test(k) || /(^|_)(pnl|notional)/.test(k)) return fmtMoney(v);
  if (k === 'strike' || /_strike$|wall|flip|max_pain/.test(k)) return fmtStrike(v);
  if (/(^|_)iv$|^rv_|vol$/.test(k)) return fmtIv(v);
  if (/(oi|volume|count|contracts|qty|quantity|_id|^id)$/.test(k)) return fmtInt(v);
  if (/ratio$/.test(k)) return fmtRatio(v);
  if (Number.isInteger(v)) return fmtInt(v);
  return fmtNum(v);
}
