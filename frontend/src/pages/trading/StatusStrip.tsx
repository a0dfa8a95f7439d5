import { QueryBoundary } from '../../components/states';
import { fmtAge, fmtTimeEt } from '../../lib/format';
import type { TradingStatus } from '../../lib/trading';
import { useTradingStatus } from '../../lib/tradingQueries';
import { DecideNow, KillSwitch } from './AdminActions';

function Item({ label, children, tone, testId, data }: { label: string; children: React.ReactNode; tone?: string; testId: string; data?: Record<string, string> }) {
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(data ?? {})) attrs[`data-${k}`] = v;
  return (
    <div className={`status-item ${tone ?? ''}`} data-testid={testId} {...attrs}>
      <span className="stat-label">{label}</span>
      <span className="status-value">{children}</span>
    </div>
  );
}

function Strip({ s, serverNow }: { s: TradingStatus; serverNow?: string }) {
  const broker = s.broker ?? 'none';
  // Age on the service's clock (it may be simulated: SIMULATED_CLOCK_START), not the browser's.
  const tick = s.last_tick && serverNow ? new Date(serverNow).getTime() - new Date(s.last_tick).getTime() : NaN;
  const blockedBy = [s.kill_switch ? 'kill switch' : '', s.alarms.length ? `${s.alarms.length} alarm${s.alarms.length === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(', ');
  return (
    <>
      {!s.trading_enabled && (
        <p className="warn" data-testid="trading-disabled">
          Paper trading is off on this server (TRADING_ENABLED=false): it shows what is stored; no decisions, orders or marks
          run. The kill switch can still be set.
        </p>
      )}
      <div className="status-strip">
        <Item label="Broker" testId="status-broker" data={{ broker }}>
          <span className={`badge ${broker === 'simulated' ? 'badge-simulated' : broker === 'tradier' ? 'badge-live' : ''}`}>
            {broker === 'simulated' ? 'SIMULATED' : broker}
          </span>
          {broker === 'simulated' && <small className="muted"> paper fills from the fill model</small>}
          {broker === 'tradier' && <small className="muted"> Tradier account</small>}
        </Item>
        <Item label="Reconciled" testId="status-reconciled" tone={s.reconciled === false ? 'warn-text' : undefined} data={{ value: String(!!s.reconciled) }}>
          {s.reconciled === undefined ? '—' : s.reconciled ? 'yes' : 'not yet'}
        </Item>
        <Item label="Kill switch" testId="status-kill-switch" tone={s.kill_switch ? 'neg' : undefined} data={{ on: String(s.kill_switch) }}>
          {s.kill_switch ? 'ON' : 'off'}
        </Item>
        <Item label="Entries" testId="status-entries" tone={s.entries_blocked ? 'neg' : 'pos'} data={{ blocked: String(s.entries_blocked) }}>
          {s.entries_blocked ? `BLOCKED (${blockedBy || 'see alarms'})` : 'allowed'}
        </Item>
        <Item label="Open alarms" testId="status-alarm-count" tone={s.alarms.length ? 'neg' : undefined} data={{ count: String(s.alarms.length) }}>
          {s.alarms.length}
        </Item>
        <Item label="Last tick" testId="status-last-tick">
          {s.last_tick ? (
            <span title={s.last_tick}>
              {fmtTimeEt(s.last_tick)} {Number.isFinite(tick) && tick >= 0 ? <small className="muted">({fmtAge(tick)} ago)</small> : null}
            </span>
          ) : (
            <span className="muted">{s.trading_enabled ? 'not yet (jobs start with SCHEDULER_ENABLED)' : '—'}</span>
          )}
        </Item>
      </div>
      {s.alarms.length > 0 && (
        <ul className="alarms" data-testid="status-alarms">
          {s.alarms.map((a) => (
            <li key={a.alarm_id} className="neg" data-testid="alarm-row" data-kind={a.kind}>
              <b>{a.kind.replace(/_/g, ' ')}</b> <span className="mono">{a.key}</span>: {a.message} <small>({fmtTimeEt(a.at)})</small>
            </li>
          ))}
        </ul>
      )}
      {s.last_error && (
        <p className="warn-text" data-testid="status-last-error">
          Last error: {s.last_error}
        </p>
      )}
      <div className="controls admin-controls">
        <DecideNow disabled={!s.trading_enabled} broker={s.broker} />
        <KillSwitch on={s.kill_switch} />
      </div>
    </>
  );
}

/** `serverNow`: the service's clock at about the same time (positions' as_of), for the tick's age. */
export function StatusStrip({ serverNow }: { serverNow?: string }) {
  const q = useTradingStatus();
  return (
    <section className="panel">
      <h2>Paper trading</h2>
      <QueryBoundary q={q} testId="section-status" what="trading status">
        {(s) => <Strip s={s} serverNow={serverNow} />}
      </QueryBoundary>
    </section>
  );
}
