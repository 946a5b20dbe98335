import { useState } from 'react';
import type { RegistryOverview } from '../../../../shared/contract/registry-schemas';
import type { MeterKind } from '../../../../shared/domain/registry';
import { getInrs } from '../../bridge';
import { useT } from '../../i18n';
import { OutcomeLine } from './OutcomeLine';
import { OneFieldForm, useRegistryStep } from './registry-step';

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
  const { busy, outcome, setOutcome, run } = useRegistryStep(() => setOpen(null));
  const kind = meterKindOf(resource);
  const { region, assetId } = resource;

  const meter = () => {
    const value = Number(amount);
    if (!(value > 0)) return setOutcome({ kind: 'invalid', message: t('registry.meter.needAmount') });
    void run(() => getInrs().registry.meter({ region, assetId, kind, amount: value }));
  };
  const suspend = () => {
    if (reason.trim() === '') return setOutcome({ kind: 'invalid', message: t('registry.suspend.needReason') });
    void run(() => getInrs().registry.suspend({ region, assetId, reason: reason.trim() }));
  };
  const close = () => setOpen(null);

  return (
    <div className="registry-actions" data-testid="resource-actions" data-asset={assetId}>
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
        <OneFieldForm
          label={t('registry.meter.amount', { unit: t(`registry.meter.kind.${kind}`) })}
          name="amount"
          type="number"
          value={amount}
          onChange={setAmount}
          confirm={t('registry.meter.record')}
          action="meter"
          busy={busy}
          onConfirm={meter}
          onCancel={close}
        />
      )}
      {open === 'suspend' && (
        <OneFieldForm label={t('registry.suspend.reason')} name="reason" value={reason} onChange={setReason} confirm={t('registry.suspend.confirm')} action="suspend" busy={busy} onConfirm={suspend} onCancel={close} />
      )}
      {outcome && <OutcomeLine outcome={outcome} />}
    </div>
  );
}
