import { useState, type FormEvent } from 'react';
import { useLocale, useT } from '../../i18n';
import { commandKey, emergencySelectors, useEmergencyStore } from '../../emergency/emergency-store';
import { regionName } from '../../emergency/region-name';
import { CommandStatus } from './CommandStatus';

/** A national commander raises level I alone; the level stays flagged and alerted until countersigned. */
export function BreakGlassForm({ regions, initialRegion }: { regions: string[]; initialRegion: string }) {
  const t = useT();
  const locale = useLocale();
  const [region, setRegion] = useState(initialRegion);
  const [plan, setPlan] = useState('');
  const [reason, setReason] = useState('');
  const current = useEmergencyStore(emergencySelectors.levelOf(region));
  const view = useEmergencyStore(emergencySelectors.command(commandKey.breakGlass));
  const { breakGlass } = useEmergencyStore(emergencySelectors.actions);
  const ready = current !== 'I' && plan.trim() !== '' && reason.trim() !== '' && view?.status !== 'sending';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ready) void breakGlass({ region, plan: plan.trim(), reason: reason.trim() });
  };

  return (
    <form className="officer-form" onSubmit={submit} data-testid="break-glass-form">
      <h3 className="officer-form-wide">{t('emergency.breakGlass.title')}</h3>
      <p className="panel-note officer-form-wide">{t('emergency.breakGlass.hint')}</p>
      <label htmlFor="break-glass-region">{t('emergency.propose.region')}</label>
      <select id="break-glass-region" data-testid="break-glass-region" value={region} onChange={(e) => setRegion(e.target.value)}>
        {regions.map((r) => (
          <option key={r} value={r}>
            {regionName(locale, r)}
          </option>
        ))}
      </select>
      <label htmlFor="break-glass-plan">{t('emergency.propose.plan')}</label>
      <input id="break-glass-plan" data-testid="break-glass-plan" value={plan} maxLength={200} onChange={(e) => setPlan(e.target.value)} />
      <label htmlFor="break-glass-reason">{t('emergency.propose.reason')}</label>
      <input id="break-glass-reason" data-testid="break-glass-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" className="officer-form-wide danger-button" data-testid="break-glass-submit" disabled={!ready}>
        {t('emergency.breakGlass.submit')}
      </button>
      <div className="officer-form-wide">
        <CommandStatus view={view} testId="command-status-break-glass" />
      </div>
    </form>
  );
}
