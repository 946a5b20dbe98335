import { useState } from 'react';
import type { RegistryOverview } from '../../../../shared/contract/registry-schemas';
import { getInrs } from '../../bridge';
import { useT } from '../../i18n';
import { parseEvidence } from './evidence';
import { OutcomeLine } from './OutcomeLine';
import { useRegistryStep } from './registry-step';

type Pending = RegistryOverview['pending'][number];

/**
 * A registry verifier's step on one asset: the on-site result (pass or fail, a reason, evidence
 * as SHA-256 hashes) for a registered asset, onboarding for a verified one. The regional server
 * decides; its refusal is shown with its code, the asset stays where it was.
 */
export function VerifierActions({ asset }: { asset: Pending }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const { busy, outcome, setOutcome, run } = useRegistryStep(() => setOpen(false));

  const verify = (passed: boolean) => {
    const hashes = parseEvidence(evidence);
    if (!hashes.ok) return setOutcome({ kind: 'invalid', message: t('registry.verify.badEvidence', { item: hashes.bad }) });
    if (reason.trim() === '') return setOutcome({ kind: 'invalid', message: t('registry.verify.needReason') });
    void run(() => getInrs().registry.verify({ region: asset.region, assetId: asset.assetId, passed, reason: reason.trim(), evidence: hashes.value }));
  };
  const onboard = () => void run(() => getInrs().registry.onboard({ region: asset.region, assetId: asset.assetId }));

  return (
    <div className="registry-actions" data-testid="verifier-actions">
      {asset.state === 'verified' ? (
        <button type="button" className="registry-action" data-action="onboard" disabled={busy} onClick={onboard}>
          {t('registry.action.onboard')}
        </button>
      ) : !open ? (
        <button type="button" className="registry-action" data-action="open-verify" disabled={busy} onClick={() => setOpen(true)}>
          {t('registry.action.verify')}
        </button>
      ) : (
        <form className="registry-verify-form" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('registry.verify.reason')}
            <textarea name="reason" rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <label>
            {t('registry.verify.evidence')}
            <input name="evidence" value={evidence} placeholder={t('registry.verify.evidenceHint')} onChange={(e) => setEvidence(e.target.value)} />
          </label>
          <div className="registry-verify-buttons">
            <button type="button" data-action="pass" disabled={busy} onClick={() => verify(true)}>
              {t('registry.action.pass')}
            </button>
            <button type="button" data-action="fail" disabled={busy} onClick={() => verify(false)}>
              {t('registry.action.fail')}
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
