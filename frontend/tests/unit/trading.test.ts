import { describe, expect, it } from 'vitest';
import { classify } from '../../src/lib/api';
import {
  actionErrorLine,
  chosenCandidate,
  decisionDays,
  decisionsBySlot,
  describeEvent,
  exitReasonLabel,
  flattenConfig,
  fmtPct,
  fmtSignedUsd,
  fmtUsd,
  isTerminalState,
  listsDisagree,
  legLabel,
  listSentence,
  notYetLine,
  orderStateTone,
  parseOcc,
  pnlClass,
  pnlSeries,
  positionStrikes,
  slotRuleLabel,
  slotsOf,
  type Candidate,
  type DayPnl,
  type Decision,
} from '../../src/lib/trading';
import { pnlOption } from '../../src/lib/tradingChart';

describe('money and percent', () => {
  it('prints dollars with cents and the sign first', () => {
    expect(fmtUsd(1234.5)).toBe('$1,234.50');
    expect(fmtUsd(-50)).toBe('-$50.00');
    expect(fmtUsd(0)).toBe('$0.00');
    expect(fmtUsd(-0.001)).toBe('$0.00'); // no "-$0.00"
    expect(fmtUsd(null)).toBe('—');
    expect(fmtUsd(NaN)).toBe('—');
  });
  it('signs PnL', () => {
    expect(fmtSignedUsd(12)).toBe('+$12.00');
    expect(fmtSignedUsd(-30)).toBe('-$30.00');
    expect(fmtSignedUsd(0)).toBe('$0.00');
    expect(fmtSignedUsd(-19.99999999999993)).toBe('-$20.00');
  });
  it('prints percentages that are already in percent', () => {
    expect(fmtPct(-2.3255813953488373)).toBe('-2.33%');
    expect(fmtPct(16.27906976744186)).toBe('+16.28%');
    expect(fmtPct(0)).toBe('0.00%');
    expect(fmtPct(-0.001)).toBe('0.00%');
    expect(fmtPct(undefined)).toBe('—');
  });
  it('colours PnL', () => {
    expect(pnlClass(5)).toBe('pos');
    expect(pnlClass(-5)).toBe('neg');
    expect(pnlClass(0)).toBeUndefined();
    expect(pnlClass(null)).toBeUndefined();
  });
});

describe('OCC symbols and legs', () => {
  it('splits an OCC symbol', () => {
    expect(parseOcc('SPXW261119P05655000')).toEqual({ root: 'SPXW', expiration: '2026-11-19', right: 'P', strike: 5655 });
    expect(parseOcc('SPY261120C00412500')?.strike).toBe(412.5);
    expect(parseOcc('not-a-symbol')).toBeNull();
  });
  it('labels legs with their quantity', () => {
    expect(legLabel('SPXW261119P05655000', -1)).toBe('-1 SPXW 5655P');
    expect(legLabel('SPXW261119P05630000', 1)).toBe('+1 SPXW 5630P');
    expect(legLabel('SPXW261119P05630000')).toBe('SPXW 5630P');
    expect(legLabel('ODD', 2)).toBe('+2 ODD');
  });
  it('finds the short and long strikes of a position', () => {
    expect(
      positionStrikes({
        legs: [
          { occ_symbol: 'SPXW261119P05655000', quantity: -1 },
          { occ_symbol: 'SPXW261119P05630000', quantity: 1 },
        ],
      }),
    ).toEqual({ short: 5655, long: 5630 });
    expect(positionStrikes({ legs: [] })).toEqual({ short: null, long: null });
  });
});

const cand = (reason: string): Candidate => ({
  target_dte: 3,
  target_delta: 0.2,
  spread: 'put_credit',
  reason,
  message: '',
  expiration: '2026-11-19',
  actual_dte: 3,
  short_leg: null,
  long_leg: null,
  prices: null,
});

const dec = (id: number, day: string, slot: string, at: string, action: 'TRADE' | 'SKIP' = 'SKIP'): Decision => ({
  decision_id: id,
  trade_date: day,
  slot,
  underlying: 'SPX',
  source: 'scheduled',
  action,
  reason: action === 'TRADE' ? 'trade' : 'stale_chain',
  message: '',
  evaluated_at: at,
  snapshot_id: 4,
  snapshot_checksum: '',
  config_hash: 'abc',
  order_tag: null,
  decision: null,
});

describe('decisions', () => {
  it('picks the chosen candidate of a TRADE only', () => {
    const d = dec(1, '2026-11-16', '10:00', 'x', 'TRADE');
    expect(chosenCandidate(d)).toBeNull();
    d.decision = { action: 'TRADE', reason: 'trade', message: '', chosen: 1, candidates: [cand('long_leg_missing'), cand('trade')] };
    expect(chosenCandidate(d)?.reason).toBe('trade');
    d.decision = { ...d.decision, chosen: null };
    expect(chosenCandidate(d)).toBeNull();
  });
  it('groups a day by slot, configured slots first, oldest decision first', () => {
    const ds = [
      dec(3, '2026-11-16', '10:00', '2026-11-16T15:05:00Z'),
      dec(2, '2026-11-16', '10:00', '2026-11-16T15:02:00Z', 'TRADE'),
      dec(4, '2026-11-16', '09:45', '2026-11-16T14:45:00Z'),
      dec(1, '2026-11-13', '11:00', '2026-11-13T16:00:00Z'),
    ];
    expect(decisionDays(ds)).toEqual(['2026-11-16', '2026-11-13']);
    const rows = decisionsBySlot(ds, '2026-11-16', ['10:00', '11:00', '12:00']);
    expect(rows.map((r) => r.slot)).toEqual(['10:00', '11:00', '12:00', '09:45']);
    expect(rows[0].decisions.map((d) => d.decision_id)).toEqual([2, 3]);
    expect(rows[1].decisions).toEqual([]);
    expect(rows[3].decisions.map((d) => d.decision_id)).toEqual([4]);
  });
  it('takes the slots from the strategy configuration', () => {
    expect(slotsOf(undefined)).toEqual(['10:00', '11:00', '12:00']);
    expect(slotsOf({ trading_enabled: true, broker: 'simulated', strategy: { slots: [{ time: '10:30', window_minutes: 30, candidates: [] }] } })).toEqual([
      '10:30',
    ]);
    expect(slotsOf({ trading_enabled: false, broker: 'simulated' })).toEqual(['10:00', '11:00', '12:00']);
  });
  it('says when decisions run', () => {
    expect(listSentence(['10:00', '11:00', '12:00'])).toBe('10:00, 11:00 and 12:00');
    expect(listSentence(['10:00'])).toBe('10:00');
    expect(notYetLine('trades', ['10:00', '11:00', '12:00'])).toBe('No trades yet — decisions run at 10:00, 11:00 and 12:00 ET on trading days');
  });
});

describe('orders and trades', () => {
  it('knows terminal states and tones', () => {
    expect(isTerminalState('filled')).toBe(true);
    expect(isTerminalState('expired')).toBe(true);
    expect(isTerminalState('open')).toBe(false);
    expect(isTerminalState('unknown')).toBe(false);
    expect(orderStateTone('filled')).toBe('done');
    expect(orderStateTone('rejected')).toBe('failed');
    expect(orderStateTone('unknown')).toBe('uncertain');
    expect(orderStateTone('cancel_requested')).toBe('working');
  });
  it('describes order events', () => {
    expect(describeEvent({ type: 'accepted', broker_id: '1' })).toBe('accepted (broker id 1)');
    expect(describeEvent({ type: 'fill', cumulative_quantity: 1, avg_price: 3.5 })).toBe('fill: 1 filled, avg 3.50');
    expect(describeEvent({ type: 'reprice', new_limit: 3.45 })).toBe('re-priced to 3.45');
    expect(describeEvent({ type: 'lookup_found', status: 'filled', exec_quantity: 1, avg_fill_price: 3.5, reason: '' })).toBe(
      'broker says filled, 1 executed at 3.50',
    );
    expect(describeEvent({ type: 'rejected', reason: 'no buying power' })).toBe('rejected: no buying power');
    expect(describeEvent({ type: 'send_attempted', at: 'x' })).toBe('send attempted');
  });
  it('names exit reasons', () => {
    expect(exitReasonLabel('take_profit')).toBe('take profit');
    expect(exitReasonLabel('stop_loss')).toBe('stop loss');
    expect(exitReasonLabel('settlement')).toBe('settlement');
    expect(exitReasonLabel('manual')).toBe('manual');
    expect(exitReasonLabel('none')).toBe('—');
    expect(exitReasonLabel('something_new')).toBe('something new');
  });
  it('prints a failed admin action as status, code and message', () => {
    expect(actionErrorLine({ status: 409, code: 'conflict', message: 'trade t1 is already closed' })).toBe('409 conflict: trade t1 is already closed');
    expect(actionErrorLine({ message: 'offline' })).toBe('offline');
    expect(actionErrorLine(null)).toBe('');
  });
  it('classifies 409 as a conflict', () => {
    expect(classify(409, 'conflict', 'x')).toBe('conflict');
    expect(classify(409, 'trading_disabled', 'x')).toBe('conflict');
  });
});

const day = (d: string, realized: number, unrealized = 0): DayPnl => ({
  day: d,
  trades_closed: realized ? 1 : 0,
  trades_open: unrealized ? 1 : 0,
  realized,
  unrealized_mid: unrealized,
  unrealized_close: unrealized,
  fees: 0,
  max_risk: 2150,
  realized_pct: 0,
  total_close_pct: 0,
});

describe('daily PnL', () => {
  it('sorts days and adds a cumulative line of realized plus that day’s open PnL', () => {
    const s = pnlSeries([day('2026-11-17', -100.004, -30), day('2026-11-13', 175), day('2026-11-16', 50.5)]);
    expect(s.days).toEqual(['2026-11-13', '2026-11-16', '2026-11-17']);
    expect(s.realized).toEqual([175, 50.5, -100]);
    expect(s.unrealized).toEqual([0, 0, -30]);
    expect(s.cumulative).toEqual([175, 225.5, 95.5]);
  });
  it('is empty for no days', () => {
    expect(pnlSeries([])).toEqual({ days: [], realized: [], unrealized: [], cumulative: [] });
  });
  it('draws stacked bars and a cumulative line', () => {
    const o = pnlOption(pnlSeries([day('2026-11-16', 10, -5)])) as { series: { type: string; stack?: string; data: number[] }[] };
    expect(o.series.map((x) => x.type)).toEqual(['bar', 'bar', 'line']);
    expect(o.series[0].stack).toBe(o.series[1].stack);
    expect(o.series[2].data).toEqual([5]);
  });
});

describe('strategy configuration', () => {
  it('flattens nested objects to dotted keys', () => {
    expect(flattenConfig({ a: 1, b: { c: 'x', d: [1, 2] }, e: null, f: true })).toEqual([
      ['a', '1'],
      ['b.c', 'x'],
      ['b.d', '1, 2'],
      ['e', '—'],
      ['f', 'true'],
    ]);
    expect(flattenConfig({ s: [{ t: '10:00' }, { t: '11:00' }] })).toEqual([
      ['s[0].t', '10:00'],
      ['s[1].t', '11:00'],
    ]);
  });
  it('describes a slot rule', () => {
    expect(slotRuleLabel({ candidates: [{ dte: 3, short_delta: 0.1 }, { dte: 3, short_delta: 0.2 }] })).toBe('3 DTE at 0.10Δ, 3 DTE at 0.20Δ');
  });
});

describe('listsDisagree', () => {
  const open = { id: 'a', status: 'open' } as const;
  const closed = { id: 'a', status: 'closed' } as const;
  it('is false when the open trades and the positions match', () => {
    expect(listsDisagree([open, { id: 'b', status: 'closed' as const }], [{ trade_id: 'a' }])).toBe(false);
    expect(listsDisagree([], [])).toBe(false);
  });
  it('sees a position whose trade the list already shows closed', () => {
    expect(listsDisagree([closed], [{ trade_id: 'a' }])).toBe(true);
  });
  it('sees an open trade listed without its position', () => {
    expect(listsDisagree([open], [])).toBe(true);
  });
  it('does not judge a position whose trade the capped list does not hold', () => {
    expect(listsDisagree([{ id: 'b', status: 'closed' as const }], [{ trade_id: 'old' }])).toBe(false);
  });
});
