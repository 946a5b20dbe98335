import { useState } from 'react';
import { getInrs } from '../bridge';
import { OutcomeLine } from '../features/registry/OutcomeLine';
import { OneFieldForm, useRegistryStep } from '../features/registry/registry-step';
import { useT } from '../i18n';

/** Withdrawing one's own asset, with the reason the server records; its answer is shown as given. */
export function WithdrawAction({ assetId, onDone }: { assetId: string; onDone(): void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, outcome, setOutcome, run } = useRegistryStep(() => {
    setOpen(false);
    onDone();
  });
  const withdraw = () => {
    if (reason.trim() === '') return setOutcome({ kind: 'invalid', message: t('contributor.withdraw.needReason') });
    void run(() => getInrs().contributor.withdraw({ assetId, reason: reason.trim() }));
  };
  return (
    <div className="registry-actions" data-testid="withdraw-action" data-asset={assetId}>
      {!open ? (
        <button type="button" data-action="open-withdraw" onClick={() => setOpen(true)}>
          {t('contributor.withdraw')}
        </button>
      ) : (
        <OneFieldForm
          label={t('contributor.withdraw.reason')}
          name="reason"
          value={reason}
          onChange={setReason}
          confirm={t('contributor.withdraw.confirm')}
          action="withdraw"
          busy={busy}
          onConfirm={withdraw}
          onCancel={() => setOpen(false)}
        />
      )}
      {outcome && <OutcomeLine outcome={outcome} />}
    </div>
  );
}
