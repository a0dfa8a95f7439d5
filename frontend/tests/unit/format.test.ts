import { describe, expect, it } from 'vitest';
import { fmtAge, fmtByKey, fmtInt, fmtIv, fmtMoney, fmtMoneyAxis, fmtPrice, fmtStrike } from '../../src/lib/format';

describe('fmtMoney', () => {
  it('uses $bn and $mm for exposures', () => {
    expect(fmtMoney(1.234e9)).toBe('$1.23bn');
    expect(fmtMoney(-2.5e9)).toBe('-$2.50bn');
    expect(fmtMoney(456_700_000)).toBe('$456.7mm');
    expect(fmtMoney(-12_345_678)).toBe('-$12.3mm');
    expect(fmtMoney(12_300)).toBe('$12.3k');
    expect(fmtMoney(950)).toBe('$950');
    expect(fmtMoney(0)).toBe('$0');
    expect(fmtMoney(3.2e12)).toBe('$3.20tn');
  });
  it('never prints NaN', () => {
    expect(fmtMoney(NaN)).toBe('—');
    expect(fmtMoney(null)).toBe('—');
    expect(fmtMoney(undefined)).toBe('—');
    expect(fmtMoney('12')).toBe('—');
  });
  it('has short axis labels', () => {
    expect(fmtMoneyAxis(1.5e9)).toBe('1.5bn');
    expect(fmtMoneyAxis(-350e6)).toBe('-350mm');
    expect(fmtMoneyAxis(0)).toBe('0');
  });
});

describe('strikes, prices, vols', () => {
  it('drops decimals from integral strikes only', () => {
    expect(fmtStrike(5800)).toBe('5800');
    expect(fmtStrike(5800.0)).toBe('5800');
    expect(fmtStrike(412.5)).toBe('412.5');
    expect(fmtStrike(0.1 + 0.2)).toBe('0.3');
    expect(fmtStrike(null)).toBe('—');
  });
  it('formats prices and counts', () => {
    expect(fmtPrice(5812.345)).toBe('5,812.35');
    expect(fmtInt(1234567.4)).toBe('1,234,567');
  });
  it('shows IV as percent whether given as fraction or percent', () => {
    expect(fmtIv(0.1534)).toBe('15.3%');
    expect(fmtIv(15.34)).toBe('15.3%');
    expect(fmtIv(null)).toBe('—');
  });
  it('formats ages', () => {
    expect(fmtAge(42_000)).toBe('42 s');
    expect(fmtAge(7 * 60_000)).toBe('7 min');
    expect(fmtAge(185 * 60_000)).toBe('3 h 5 min');
    expect(fmtAge(3 * 86_400_000)).toBe('3 d');
  });
  it('formats by field name in generic tables', () => {
    expect(fmtByKey('net_gex', 2e9)).toBe('$2.00bn');
    expect(fmtByKey('strike', 5800)).toBe('5800');
    expect(fmtByKey('call_oi', 12345)).toBe('12,345');
    expect(fmtByKey('pc_ratio', 1.234)).toBe('1.23');
    expect(fmtByKey('realized_pnl', -1500)).toBe('-$1.5k');
    expect(fmtByKey('note', null)).toBe('—');
    expect(fmtByKey('flags', ['wide', 'stale'])).toBe('wide, stale');
  });
});
