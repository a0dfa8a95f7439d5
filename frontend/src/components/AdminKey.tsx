import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../lib/api';
import { clearAdminKey, getAdminKey, setAdminKey } from '../lib/adminKey';
import { useInfo } from '../lib/queries';

/** Asks for ADMIN_API_KEY once per tab: `what` says what needs it ("Running a snapshot"), `action` labels the button. */
export function KeyPrompt({
  what,
  action,
  onSubmit,
  onCancel,
}: {
  what: string;
  action: string;
  onSubmit: (k: string) => void;
  onCancel: () => void;
}) {
  const [k, setK] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <div className="modal-backdrop" onClick={onCancel}>
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="admin-key-title"
        data-testid="admin-key-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
        onSubmit={(e) => {
          e.preventDefault();
          if (k.trim()) onSubmit(k.trim());
        }}
      >
        <h3 id="admin-key-title">Admin key</h3>
        <p>
          {what} needs the service&apos;s ADMIN_API_KEY. It is kept in this tab&apos;s session storage only and sent as the
          X-API-Key header.
        </p>
        <input
          ref={input}
          type="password"
          autoComplete="off"
          data-testid="admin-key-input"
          aria-label="Admin API key"
          value={k}
          onChange={(e) => setK(e.target.value)}
        />
        <div className="modal-actions">
          <button type="button" onClick={onCancel} data-testid="admin-key-cancel">
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="admin-key-submit" disabled={!k.trim()}>
            {action}
          </button>
        </div>
      </form>
    </div>
  );
}

/**
 * An admin action: asks for the key when the service requires one and none is stored, sends it,
 * and forgets a key the service refused (401/403) so the next attempt asks again.
 */
export function useAdminAction<V, R>(
  what: string,
  action: string,
  fn: (vars: V, key: string | null) => Promise<R>,
  onSuccess?: (r: R, vars: V) => void,
) {
  const info = useInfo(false);
  const [waiting, setWaiting] = useState<{ vars: V } | null>(null);
  const m = useMutation({
    mutationFn: ({ vars, key }: { vars: V; key: string | null }) => fn(vars, key),
    onSuccess: (r, { vars }) => onSuccess?.(r, vars),
    onError: (e) => {
      if (e instanceof ApiError && e.kind === 'unauthorized') clearAdminKey();
    },
  });
  const start = (vars: V) => {
    const key = getAdminKey();
    if ((info.data?.admin_key_required ?? true) && !key) setWaiting({ vars });
    else m.mutate({ vars, key });
  };
  const prompt = waiting ? (
    <KeyPrompt
      what={what}
      action={action}
      onCancel={() => setWaiting(null)}
      onSubmit={(k) => {
        setAdminKey(k);
        setWaiting(null);
        m.mutate({ vars: waiting.vars, key: k });
      }}
    />
  ) : null;
  return { start, m, prompt };
}
