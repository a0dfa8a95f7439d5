// The operator's actions on the Trading page, each behind a confirmation and the admin key:
// decide now, the kill switch and closing an open trade. After success every trading query is
// refetched; a failure shows the service's code and message (409/503 bodies are {"error":{...}}).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useAdminAction } from '../../components/AdminKey';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorText } from '../../components/states';
import { ApiError, apiAdminPost } from '../../lib/api';
import { actionErrorLine, type Decision } from '../../lib/trading';
import { TRADING_KEY } from '../../lib/tradingQueries';

export function ActionError({ what, error, testId = 'admin-action-error' }: { what: string; error: unknown; testId?: string }) {
  const api = error instanceof ApiError ? error : null;
  const t = errorText(error);
  return (
    <div
      className="state state-error action-error"
      role="alert"
      data-testid={testId}
      data-kind={api?.kind ?? 'error'}
      data-status={api?.status ?? 0}
      data-code={api?.code ?? ''}
    >
      <strong>
        {what} failed: {t.title}
      </strong>
      <p className="mono">{api ? actionErrorLine(api) : String((error as Error)?.message ?? error)}</p>
      {api?.kind === 'unauthorized' && <p>The stored admin key was forgotten; the next action asks for it again.</p>}
    </div>
  );
}

function useInvalidateTrading() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: TRADING_KEY });
}

export function DecideNow({ disabled, broker }: { disabled?: boolean; broker?: string }) {
  const invalidate = useInvalidateTrading();
  const [confirm, setConfirm] = useState(false);
  const a = useAdminAction<void, Decision>(
    'Deciding now',
    'Decide now',
    (_v, key) => apiAdminPost<Decision>('/api/admin/decide-now', key, {}),
    invalidate,
  );
  const d = a.m.data;
  return (
    <div className="admin-action">
      <button type="button" className="primary" data-testid="decide-now" disabled={disabled || a.m.isPending} onClick={() => setConfirm(true)}>
        {a.m.isPending ? 'Deciding…' : 'Decide now'}
      </button>
      {confirm && (
        <ConfirmDialog
          title="Decide now?"
          confirmLabel="Decide now"
          onCancel={() => setConfirm(false)}
          onConfirm={() => {
            setConfirm(false);
            a.start();
          }}
        >
          <p>
            Runs the entry rules on the latest full-chain snapshot for the current slot and stores the decision as manual.
            If it says TRADE, an entry order goes to the <b>{broker ?? 'configured'}</b> broker. All risk limits apply.
          </p>
        </ConfirmDialog>
      )}
      {a.prompt}
      {d && !a.m.isPending && (
        <div
          className={`result ${d.action === 'TRADE' ? '' : 'result-skipped'}`}
          data-testid="decide-now-result"
          data-action={d.action}
          data-reason={d.reason}
          data-already={String(!!d.already_decided)}
        >
          <b>{d.action}</b> <span className="mono">{d.reason}</span> (slot {d.slot}
          {d.already_decided ? ', already decided' : ''}): {d.message}
          {d.order_tag && (
            <>
              {' '}
              → order <span className="mono">{d.order_tag}</span>
            </>
          )}
        </div>
      )}
      {a.m.error && !a.m.isPending && <ActionError what="Decide now" error={a.m.error} />}
    </div>
  );
}

export function KillSwitch({ on }: { on: boolean }) {
  const invalidate = useInvalidateTrading();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const a = useAdminAction<{ on: boolean; reason: string }, { kill_switch: boolean; reason: string }>(
    on ? 'Turning the kill switch off' : 'Turning the kill switch on',
    on ? 'Turn off' : 'Turn on',
    (v, key) => apiAdminPost('/api/admin/kill-switch', key, v),
    () => {
      setReason('');
      invalidate();
    },
  );
  const next = !on;
  return (
    <div className="admin-action">
      <button
        type="button"
        className={on ? '' : 'danger'}
        data-testid="kill-switch-toggle"
        data-next={next ? 'on' : 'off'}
        disabled={a.m.isPending}
        onClick={() => setOpen(true)}
      >
        {a.m.isPending ? 'Saving…' : on ? 'Turn kill switch off…' : 'Turn kill switch on…'}
      </button>
      {open && (
        <ConfirmDialog
          title={next ? 'Turn the kill switch on?' : 'Turn the kill switch off?'}
          confirmLabel={next ? 'Turn on' : 'Turn off'}
          danger={next}
          onCancel={() => setOpen(false)}
          onConfirm={() => {
            setOpen(false);
            a.start({ on: next, reason: reason.trim() });
          }}
        >
          <p>
            {next
              ? 'No new entries while it is on: decisions SKIP with kill_switch. Exits (take profit, stop loss, manual, settlement) are never blocked.'
              : 'Entries are allowed again (unless a reconciliation alarm is open).'}
          </p>
          <label className="field">
            Reason (kept with the switch; optional)
            <input
              data-testid="kill-switch-reason"
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={next ? 'e.g. FOMC at 14:00' : 'e.g. back to normal'}
            />
          </label>
        </ConfirmDialog>
      )}
      {a.prompt}
      {a.m.error && !a.m.isPending && <ActionError what="Kill switch" error={a.m.error} />}
    </div>
  );
}

interface CloseResult {
  trade_id: string;
  exit_order_tag: string;
  state: string | null;
}

/**
 * "Close" for the positions table. The confirmation, the key prompt and the outcome live at the
 * section, not in the row: the row goes away as soon as the exit fills, the outcome must not.
 */
export function useCloseTrade() {
  const invalidate = useInvalidateTrading();
  const [confirm, setConfirm] = useState<{ tradeId: string; label: string } | null>(null);
  const a = useAdminAction<{ tradeId: string; label: string }, CloseResult>(
    'Closing a trade',
    'Close trade',
    (v, key) => apiAdminPost<CloseResult>(`/api/admin/trades/${encodeURIComponent(v.tradeId)}/close`, key),
    invalidate,
  );
  const target = a.m.variables?.vars;
  const dialogs = (
    <>
      {confirm && (
        <ConfirmDialog
          title="Close this trade now?"
          confirmLabel="Close trade"
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            a.start(confirm);
          }}
        >
          <p>
            Sends a debit exit order for the whole of <b>{confirm.label}</b> at the fill model&apos;s price; it is re-priced
            toward the market if it does not fill. The trade closes with reason manual when the exit fills.
          </p>
        </ConfirmDialog>
      )}
      {a.prompt}
    </>
  );
  const outcome = (
    <>
      {a.m.data && !a.m.isPending && (
        <div className="result" data-testid="close-trade-result" data-trade-id={a.m.data.trade_id} data-state={a.m.data.state ?? ''}>
          Exit order <span className="mono">{a.m.data.exit_order_tag}</span> sent for {target?.label ?? a.m.data.trade_id}
          {a.m.data.state ? ` (${a.m.data.state.replace(/_/g, ' ')})` : ''}. The trade closes with reason manual when it fills.
        </div>
      )}
      {a.m.error && !a.m.isPending && <ActionError what={`Close ${target?.label ?? ''}`.trim()} error={a.m.error} testId="close-trade-error" />}
    </>
  );
  return {
    ask: (tradeId: string, label: string) => setConfirm({ tradeId, label }),
    pendingId: a.m.isPending ? (target?.tradeId ?? null) : null,
    dialogs,
    outcome,
  };
}
