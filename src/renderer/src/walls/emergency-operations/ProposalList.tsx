import type { OfficerIdentity } from '../../../../shared/contract';
import { useT } from '../../i18n';
import { orderProposals, statusAt } from '../../emergency/emergency-logic';
import { emergencySelectors, useEmergencyStore } from '../../emergency/emergency-store';
import { ProposalItem } from './ProposalItem';

/** Closed proposals listed under the form: enough to see what just happened. */
const RECENT_CLOSED = 5;

/**
 * Proposals: the pending ones (soonest deadline first) at the top of the panel, where an
 * officer acts on them; the ones just confirmed, cancelled or expired at the bottom.
 */
export function ProposalList({ identity, which }: { identity: OfficerIdentity | null; which: 'open' | 'closed' }) {
  const t = useT();
  const proposals = useEmergencyStore(emergencySelectors.proposals);
  const now = useEmergencyStore(emergencySelectors.hostNow);
  const ordered = orderProposals(proposals, now);
  const shown = which === 'open' ? ordered.filter((p) => statusAt(p, now) === 'pending') : ordered.filter((p) => statusAt(p, now) !== 'pending').slice(0, RECENT_CLOSED);
  if (which === 'closed' && shown.length === 0) return null;
  return (
    <div data-testid={which === 'open' ? 'proposals-open' : 'proposals-closed'}>
      {/* Nothing pending: one line, so the forms below stay in view. */}
      {which === 'open' && shown.length > 0 && <h3>{t('emergency.proposals.title')}</h3>}
      {shown.length === 0 ? (
        <p className="panel-empty">{t('emergency.proposals.empty')}</p>
      ) : (
        <ul className="proposal-list">
          {shown.map((p) => (
            <ProposalItem key={p.id} proposal={p} identity={identity} />
          ))}
        </ul>
      )}
    </div>
  );
}
