import { useState } from 'react';
import type { RegistryAnswer, RegistryOverview } from '../../../../shared/contract/registry-schemas';
import type { Result } from '../../../../shared/contract';
import type { MeterKind } from '../../../../shared/domain/registry';
import { getInrs } from '../../bridge';
import { useT } from '../../i18n';
import { OutcomeLine, type Outcome } from './OutcomeLine';

type Resource = RegistryOverview['resources'][number];

/** The meter kind a resource is used in: held stock in storage-days, transport in tonne-km, services in hours. */
export function meterKindOf(resource: Pick<Resource, 'kind' | 'what'>): MeterKind {
  if (resource.kind === 'service') return 'service-hours';
  return resource.kind === 'unit' && resource.what === 'transport' ? 'tonne-km' : 'storage-days';
}

/**
 * A verifier's steps on an onboarded resource: a usage record (an amount in its meter kind, dated
 * now) or a suspension with its reason. The regional server decides and audits; its answer is shown.
 */
export function ResourceActions({ resource }: { resource: Resource }) {
  const t = useT();
  const [open, setOpen] = useState<'meter' | 'suspend' | null>(null);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const kind = meterKindOf(resource);

  const run = async (call: () => Promise<Result<RegistryAnswer>>) => {
    setBusy(true);
    try {
      const r = await call();
      setOutcome(r.ok ? { kind: 'answer', answer: r.value } : { kind: 'error', error: r.error });
      if (r.ok && r.value.status === 'accepted') setOpen(null);
    } finally {
      setBusy(false);
    }
  };
  const meter = () => {
    const value = Number(amount);
    if (!(value > 0)) return setOutcome({ kind: 'invalid', message: t('registry.meter.needAmount') });
    void run(() => getInrs().registry.meter({ region: resource.region, assetId: resource.assetId, kind, amount: value }));
  };
  const suspend = () => {
    if (reason.trim() === '') return setOutcome({ kind: 'invalid', message: t('registry.suspend.needReason') });
    void run(() => getInrs().registry.suspend({ region: resource.region, assetId: resource.assetId, reason: reason.trim() }));
  };

  return (
    <div className="registry-actions" data-testid="resource-actions" data-asset={resource.assetId}>
      {open === null && (
        <>
          <button type="button" data-action="open-meter" disabled={busy} onClick={() => setOpen('meter')}>
            {t('registry.action.meter')}
          </button>
          <button type="button" data-action="open-suspend" disabled={busy} onClick={() => setOpen('suspend')}>
            {t('registry.action.suspend')}
          </button>
        </>
      )}
      {open === 'meter' && (
        <form className="registry-verify-form" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('registry.meter.amount', { unit: t(`registry.meter.kind.${kind}`) })}
            <input name="amount" type="number" min="0" step="any" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </label>
          <div className="registry-verify-buttons">
            <button type="button" data-action="meter" disabled={busy} onClick={meter}>
              {t('registry.meter.record')}
            </button>
            <button type="button" data-action="cancel" disabled={busy} onClick={() => setOpen(null)}>
              {t('registry.action.cancel')}
            </button>
          </div>
        </form>
      )}
      {open === 'suspend' && (
        <form className="registry-verify-form" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('registry.suspend.reason')}
            <input name="reason" maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="registry-verify-buttons">
            <button type="button" data-action="suspend" disabled={busy} onClick={suspend}>
              {t('registry.suspend.confirm')}
            </button>
            <button type="button" data-action="cancel" disabled={busy} onClick={() => setOpen(null)}>
              {t('registry.action.cancel')}
            </button>
          </div>
        </form>
      )}
      {outcome && <OutcomeLine outcome={outcome} />}
    </div>
  );
}
