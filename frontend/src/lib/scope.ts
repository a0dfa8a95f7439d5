// Expiry scopes, exactly as the API spells them: all | 0dte | max_dte:N | bucket:N |
// expiration:YYYY-MM-DD | opex. Anything else is rejected here so a bad bookmark falls back to "all"
// instead of sending the server a parameter it will refuse.

export type Scope =
  | { kind: 'all' }
  | { kind: '0dte' }
  | { kind: 'opex' }
  | { kind: 'max_dte'; n: number }
  | { kind: 'bucket'; n: number }
  | { kind: 'expiration'; date: string };

export const DEFAULT_SCOPE: Scope = { kind: 'all' };

function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function parseScope(raw: string | null | undefined): Scope | null {
  if (raw === null || raw === undefined) return null;
  const s = raw.trim().toLowerCase();
  if (s === 'all') return { kind: 'all' };
  if (s === '0dte') return { kind: '0dte' };
  if (s === 'opex') return { kind: 'opex' };
  const m = /^(max_dte|bucket):(\d{1,4})$/.exec(s);
  if (m) return { kind: m[1] as 'max_dte' | 'bucket', n: Number(m[2]) };
  const e = /^expiration:(.+)$/.exec(s);
  if (e && isValidDate(e[1])) return { kind: 'expiration', date: e[1] };
  return null;
}

export function scopeOrDefault(raw: string | null | undefined): Scope {
  return parseScope(raw) ?? DEFAULT_SCOPE;
}

export function formatScope(s: Scope): string {
  switch (s.kind) {
    case 'all':
    case '0dte':
    case 'opex':
      return s.kind;
    case 'max_dte':
    case 'bucket':
      return `${s.kind}:${s.n}`;
    case 'expiration':
      return `expiration:${s.date}`;
  }
}

export function scopeLabel(s: Scope): string {
  switch (s.kind) {
    case 'all':
      return 'All expirations';
    case '0dte':
      return 'Next expiry (0DTE)';
    case 'opex':
      return 'Monthly OPEX';
    case 'max_dte':
      return `Up to ${s.n} DTE`;
    case 'bucket':
      return `${s.n} DTE bucket`;
    case 'expiration':
      return `Expiration ${s.date}`;
  }
}

export interface ScopeOption {
  value: string;
  label: string;
}

/** The scope selector's options: fixed ones, one per DTE bucket, then one per known expiration. */
export function scopeOptions(dteTargets: number[], expirations: string[], current?: Scope): ScopeOption[] {
  const opts: ScopeOption[] = [
    { value: 'all', label: scopeLabel({ kind: 'all' }) },
    { value: '0dte', label: scopeLabel({ kind: '0dte' }) },
  ];
  const buckets = [...new Set(dteTargets.filter((n) => Number.isInteger(n) && n >= 0))].sort((a, b) => a - b);
  for (const n of buckets) opts.push({ value: `bucket:${n}`, label: scopeLabel({ kind: 'bucket', n }) });
  opts.push({ value: 'opex', label: scopeLabel({ kind: 'opex' }) });
  for (const d of [...new Set(expirations)].filter(isValidDate).sort()) {
    opts.push({ value: `expiration:${d}`, label: d });
  }
  if (current) {
    const v = formatScope(current);
    if (!opts.some((o) => o.value === v)) opts.push({ value: v, label: scopeLabel(current) });
  }
  return opts;
}
