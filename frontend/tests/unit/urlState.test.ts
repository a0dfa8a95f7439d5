import { describe, expect, it } from 'vitest';
import { buildUrl, DEFAULT_STATE, normalizeSymbol, parseUrl } from '../../src/lib/urlState';

describe('URL state', () => {
  it('defaults to the SPX overview', () => {
    expect(parseUrl('/', '')).toEqual(DEFAULT_STATE);
    expect(buildUrl(DEFAULT_STATE)).toBe('/overview?symbol=SPX');
  });
  it('keeps page, symbol, scope, view and more', () => {
    const s = parseUrl('/exposure', '?symbol=spy&scope=expiration:2025-03-21&view=net&metric=dex&window=5&tab=pc');
    expect(s).toMatchObject({ page: 'exposure', symbol: 'SPY', view: 'net', metric: 'dex', window: 5, tab: 'pc' });
    expect(s.scope).toEqual({ kind: 'expiration', date: '2025-03-21' });
    expect(buildUrl(s)).toBe('/exposure?symbol=SPY&scope=expiration:2025-03-21&view=net&metric=dex&window=5&tab=pc');
    const again = new URL(`http://x${buildUrl(s)}`);
    expect(parseUrl(again.pathname, again.search)).toEqual(s);
  });
  it('falls back to defaults on bad values', () => {
    const s = parseUrl('/nope', '?symbol=<script>&scope=bogus&view=3d&window=-4&snapshot=abc');
    expect(s).toEqual({ ...DEFAULT_STATE });
  });
  it('honours a base path', () => {
    const s = parseUrl('/dash/chain', '?symbol=NDX&snapshot=42', '/dash/');
    expect(s).toMatchObject({ page: 'chain', symbol: 'NDX', snapshot: 42 });
    expect(buildUrl(s, '/dash/')).toBe('/dash/chain?symbol=NDX&snapshot=42');
  });
  it('normalises symbols', () => {
    expect(normalizeSymbol(' rut ')).toBe('RUT');
    expect(normalizeSymbol('BRK.B')).toBe('BRK.B');
    expect(normalizeSymbol('^SPX')).toBe('^SPX');
    expect(normalizeSymbol('')).toBeNull();
    expect(normalizeSymbol('A B')).toBeNull();
    expect(normalizeSymbol('WAYTOOLONGSYMBOL')).toBeNull();
  });
});
