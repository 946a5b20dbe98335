import { useLocale, useT } from '../../i18n';
import { officerRights, regionsInScope } from '../../emergency/emergency-logic';
import { emergencySelectors, useEmergencyStore } from '../../emergency/emergency-store';
import { regionName } from '../../emergency/region-name';
import { BreakGlassForm } from './BreakGlassForm';
import { CountersignList } from './CountersignList';
import { ProposalList } from './ProposalList';
import { ProposeForm } from './ProposeForm';

/**
 * The officer's actions: what needs acting on first (pending proposals, break-glass levels to
 * countersign), then the forms, then what was just decided. Offered per the role matrix of the
 * workstation's certificate: the screen mirrors it, the regional server decides.
 */
export function OfficerPanel({ focusRegion }: { focusRegion: string | undefined }) {
  const t = useT();
  const locale = useLocale();
  const identity = useEmergencyStore(emergencySelectors.identity);
  const regions = regionsInScope(identity);
  const initial = focusRegion && regions.includes(focusRegion) ? focusRegion : regions[0];
  const rights = officerRights(identity, initial ?? identity?.region ?? '');
  return (
    <section className="panel officer-panel" data-testid="officer-panel">
      {/* Title and identity share one line (the identity in full on hover), so the forms stay in view. */}
      <div className="officer-head">
        <h2 className="panel-title">{t('emergency.officer.title')}</h2>
        {identity ? (
          <p
            className="panel-note officer-identity"
            data-testid="officer-identity"
            data-role={identity.role}
            data-subject={identity.subject}
            title={t('emergency.officer.identity', { name: identity.name, role: t(`role.${identity.role}`), region: regionName(locale, identity.region) })}
          >
            {t('emergency.officer.identity', { name: identity.name, role: t(`role.${identity.role}`), region: regionName(locale, identity.region) })}
          </p>
        ) : (
          <p className="panel-note officer-identity" data-testid="officer-identity" data-role="">
            {t('emergency.officer.noIdentity')}
          </p>
        )}
      </div>
      {identity && rights.refusal && (
        <p className="panel-note" data-testid="officer-read-only" title={rights.refusal}>
          {t('emergency.officer.readOnly', { role: t(`role.${identity.role}`) })}
        </p>
      )}
      <ProposalList identity={identity} which="open" />
      {identity && <CountersignList identity={identity} />}
      {identity && initial && rights.propose && <ProposeForm identity={identity} regions={regions} initialRegion={initial} />}
      {identity && initial && rights.breakGlass && <BreakGlassForm regions={regions} initialRegion={initial} />}
      <ProposalList identity={identity} which="closed" />
      {identity && rights.propose && <p className="panel-note">{t('emergency.officer.serverDecides')}</p>}
    </section>
  );
}
