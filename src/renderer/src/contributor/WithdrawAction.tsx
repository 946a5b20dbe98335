import { useState } from 'react';
import { getInrs } from '../bridge';
import { OutcomeLine, type Outcome } from '../features/registry/OutcomeLine';
import { useT } from '../i18n';

/** Withdrawing one's own asset, with the reason the server records; its answer is shown as given. */
export function WithdrawAction({ assetId, onDone }: { assetId: string; onDone(): void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const withdraw = async () => {
    if (reason.trim() === '') return setOutcome({ kind: 'invalid', message: t('contributor.withdraw.needReason') });
    setBusy(true);
    try {
      const r = await getInrs().contributor.withdraw({ assetId, reason: reason.trim() });
      setOutcome(r.ok ? { kind: 'answer', answer: r.value } : { kind: 'error', error: r.error });
      if (r.ok && r.value.status === 'accepted') {
        setOpen(false);
        onDone();
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="registry-actions" data-testid="withdraw-action" data-asset={assetId}>
      {!open ? (
        <button type="button" data-action="open-withdraw" onClick={() => setOpen(true)}>
          {t('contributor.withdraw')}
        </button>
      ) : (
        <form className="registry-verify-form" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('contributor.withdraw.reason')}
            <input name="reason" maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="registry-verify-buttons">
            <button type="button" data-action="withdraw" disabled={busy} onClick={() => void withdraw()}>
              {t('contributor.withdraw.confirm')}
            </button>
            <button type="button" data-action="cancel" disabled={busy} onClick={() => setOpen(false)}>
              {t('registry.action.cancel')}
            </button>
          </div>
        </form>
      )}
      {outcome && <OutcomeLine outcome={outcome} />}
    </div>
  );
}
