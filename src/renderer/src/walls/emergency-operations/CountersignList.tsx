import type { OfficerIdentity } from '../../../../shared/contract';
import { useLocale, useT } from '../../i18n';
import { nameInSubject, officerRights } from '../../emergency/emergency-logic';
import { commandKey, emergencySelectors, useEmergencyStore } from '../../emergency/emergency-store';
import { regionName } from '../../emergency/region-name';
import type { RegionLevel } from '../../../../shared/contract';
import { CommandStatus } from './CommandStatus';

function CountersignRow({ level }: { level: RegionLevel }) {
  const t = useT();
  const locale = useLocale();
  const view = useEmergencyStore(emergencySelectors.command(commandKey.countersign(level.region)));
  const { countersign } = useEmergencyStore(emergencySelectors.actions);
  return (
    <li className="proposal" data-testid="countersign" data-region={level.region}>
      <div className="proposal-head">
        <strong>{regionName(locale, level.region)}</strong>
        <span>{t('emergency.banner.by', { names: level.activatedBy.map(nameInSubject).join('、') })}</span>
        <button type="button" data-testid="countersign-submit" disabled={view?.status === 'sending'} onClick={() => void countersign(level.region)}>
          {t('emergency.countersign.submit')}
        </button>
      </div>
      <CommandStatus view={view} testId="command-status-countersign" />
    </li>
  );
}

/** Break-glass levels awaiting a second officer, for an identity whose role may co-sign there. */
export function CountersignList({ identity }: { identity: OfficerIdentity }) {
  const t = useT();
  const levels = useEmergencyStore(emergencySelectors.levels);
  const open = levels.filter((l) => l.breakGlass && !l.countersignedBy && officerRights(identity, l.region).cosign);
  if (open.length === 0) return null;
  return (
    <div>
      <h3>{t('emergency.countersign.title')}</h3>
      <ul className="proposal-list">
        {open.map((l) => (
          <CountersignRow key={l.region} level={l} />
        ))}
      </ul>
    </div>
  );
}
