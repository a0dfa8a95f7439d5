import { useEffect, useRef, type ReactNode } from 'react';

/** A modal asking to confirm an action that changes something (orders, the kill switch). */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  disabled,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  disabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="modal-backdrop" onClick={onCancel}>
      <form
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        data-testid="confirm-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
        onSubmit={(e) => {
          e.preventDefault();
          if (!disabled) onConfirm();
        }}
      >
        <h3 id="confirm-title">{title}</h3>
        {children}
        <div className="modal-actions">
          <button type="button" ref={cancel} onClick={onCancel} data-testid="confirm-cancel">
            Cancel
          </button>
          <button type="submit" className={danger ? 'danger' : 'primary'} data-testid="confirm-ok" disabled={disabled}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
