import { useState, type FormEvent } from 'react';
import type { OfficerIdentity } from '../../../../shared/contract';
import { COSIGN_WINDOW_MS, EMERGENCY_LEVELS, needsTwoOfficers, type EmergencyLevel } from '../../../../shared/domain/emergency';
import { useLocale, useT } from '../../i18n';
import { officerRights } from '../../emergency/emergency-logic';
import { commandKey, emergencySelectors, useEmergencyStore } from '../../emergency/emergency-store';
import { LevelBadge } from '../../emergency/LevelBadge';
import { regionName } from '../../emergency/region-name';
import { CommandStatus } from './CommandStatus';

/** Propose a new level for a region in scope: levels III/IV apply at once, I/II wait for a co-signature. */
export function ProposeForm({ identity, regions, initialRegion }: { identity: OfficerIdentity; regions: string[]; initialRegion: string }) {
  const t = useT();
  const locale = useLocale();
  const [region, setRegion] = useState(initialRegion);
  const [toLevel, setToLevel] = useState<EmergencyLevel>('IV');
  const [plan, setPlan] = useState('');
  const [reason, setReason] = useState('');
  const current = useEmergencyStore(emergencySelectors.levelOf(region));
  const view = useEmergencyStore(emergencySelectors.command(commandKey.propose));
  const { propose } = useEmergencyStore(emergencySelectors.actions);
  const rights = officerRights(identity, region);
  const sending = view?.status === 'sending';
  const ready = rights.propose && toLevel !== current && plan.trim() !== '' && reason.trim() !== '' && !sending;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    await propose({ region, toLevel, plan: plan.trim(), reason: reason.trim() });
    if (useEmergencyStore.getState().commands[commandKey.propose]?.status === 'accepted') {
      setPlan('');
      setReason('');
    }
  };

  return (
    <form className="officer-form" onSubmit={(e) => void submit(e)} data-testid="propose-form">
      <h3 className="officer-form-wide">{t('emergency.propose.title')}</h3>
      <label htmlFor="propose-region">{t('emergency.propose.region')}</label>
      <select id="propose-region" data-testid="propose-region" value={region} onChange={(e) => setRegion(e.target.value)}>
        {regions.map((r) => (
          <option key={r} value={r}>
            {regionName(locale, r)}
          </option>
        ))}
      </select>
      <span className="officer-form-wide" data-testid="propose-current" data-level={current}>
        {t('emergency.propose.current')} <LevelBadge level={current} />
      </span>
      <label htmlFor="propose-level">{t('emergency.propose.level')}</label>
      <select id="propose-level" data-testid="propose-level" value={toLevel} onChange={(e) => setToLevel(e.target.value as EmergencyLevel)}>
        {EMERGENCY_LEVELS.map((l) => (
          <option key={l} value={l}>
            {t(`emergency.level.${l}`)}
          </option>
        ))}
      </select>
      <label htmlFor="propose-plan">{t('emergency.propose.plan')}</label>
      <input id="propose-plan" data-testid="propose-plan" value={plan} maxLength={200} onChange={(e) => setPlan(e.target.value)} />
      <label htmlFor="propose-reason">{t('emergency.propose.reason')}</label>
      <input id="propose-reason" data-testid="propose-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      {/* The submit right under the fields, where the officer's eye is; the rule it follows below. */}
      <button type="submit" className="officer-form-wide" data-testid="propose-submit" disabled={!ready}>
        {t('emergency.propose.submit')}
      </button>
      <p className="panel-note officer-form-wide">
        {toLevel === current
          ? t('emergency.propose.same')
          : needsTwoOfficers(current, toLevel)
            ? t('emergency.propose.twoOfficers', { minutes: COSIGN_WINDOW_MS / 60_000 })
            : t('emergency.propose.oneOfficer')}
      </p>
      <div className="officer-form-wide">
        <CommandStatus view={view} testId="command-status-propose" />
      </div>
    </form>
  );
}
