import { useState } from 'react';
import type { RegistryAnswer } from '../../../../shared/contract/registry-schemas';
import type { Result } from '../../../../shared/contract';
import { useT } from '../../i18n';
import type { Outcome } from './OutcomeLine';

/** One registry step at a time: busy while the server decides, then its answer (or the host's error) as the outcome. */
export function useRegistryStep(onAccepted: () => void) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = async (call: () => Promise<Result<RegistryAnswer>>) => {
    setBusy(true);
    try {
      const r = await call();
      setOutcome(r.ok ? { kind: 'answer', answer: r.value } : { kind: 'error', error: r.error });
      if (r.ok && r.value.status === 'accepted') onAccepted();
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, setOutcome, run };
}

export interface OneFieldFormProps {
  label: string;
  name: string;
  value: string;
  onChange(value: string): void;
  /** `number` for an amount; text otherwise. */
  type?: 'number' | 'text';
  confirm: string;
  /** The confirm button's data-action, for tests and styles. */
  action: string;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** A step that asks one thing (a reason, an amount) before it is sent: the field, confirm and cancel. */
export function OneFieldForm({ label, name, value, onChange, type = 'text', confirm, action, busy, onConfirm, onCancel }: OneFieldFormProps) {
  const t = useT();
  return (
    <form className="registry-verify-form" onSubmit={(e) => e.preventDefault()}>
      <label>
        {label}
        {type === 'number' ? (
          <input name={name} type="number" min="0" step="any" inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input name={name} maxLength={1000} value={value} onChange={(e) => onChange(e.target.value)} />
        )}
      </label>
      <div className="registry-verify-buttons">
        <button type="button" data-action={action} disabled={busy} onClick={onConfirm}>
          {confirm}
        </button>
        <button type="button" data-action="cancel" disabled={busy} onClick={onCancel}>
          {t('registry.action.cancel')}
        </button>
      </div>
    </form>
  );
}
