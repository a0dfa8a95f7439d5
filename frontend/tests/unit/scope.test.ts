import { describe, expect, it } from 'vitest';
import { formatScope, parseScope, scopeLabel, scopeOptions, scopeOrDefault } from '../../src/lib/scope';

describe('scope parsing', () => {
  it('round-trips every scope form the API accepts', () => {
    for (const s of ['all', '0dte', 'opex', 'max_dte:7', 'bucket:3', 'expiration:2025-12-19']) {
      const p = parseScope(s);
      expect(p).not.toBeNull();
      expect(formatScope(p!)).toBe(s);
    }
  });
  it('is case- and space-tolerant', () => {
    expect(parseScope(' 0DTE ')).toEqual({ kind: '0dte' });
    expect(parseScope('MAX_DTE:14')).toEqual({ kind: 'max_dte', n: 14 });
  });
  it('rejects malformed scopes', () => {
    for (const s of ['', 'bucket', 'bucket:', 'bucket:x', 'max_dte:-1', 'expiration:2025-02-30', 'expiration:tomorrow', 'weekly']) {
      expect(parseScope(s)).toBeNull();
    }
    expect(parseScope(null)).toBeNull();
    expect(scopeOrDefault('nonsense')).toEqual({ kind: 'all' });
  });
  it('labels scopes for people', () => {
    expect(scopeLabel({ kind: 'bucket', n: 5 })).toBe('5 DTE bucket');
    expect(scopeLabel({ kind: 'expiration', date: '2025-01-17' })).toBe('Expiration 2025-01-17');
  });
  it('builds selector options: fixed, buckets, OPEX, expirations, and keeps a bookmarked scope', () => {
    const opts = scopeOptions([7, 3, 5, 3], ['2025-01-10', '2025-01-03', 'bad'], { kind: 'max_dte', n: 30 });
    expect(opts.map((o) => o.value)).toEqual([
      'all',
      '0dte',
      'bucket:3',
      'bucket:5',
      'bucket:7',
      'opex',
      'expiration:2025-01-03',
      'expiration:2025-01-10',
      'max_dte:30',
    ]);
  });
});
