import { useState } from 'react';
import type { OfficerIdentity, Proposal } from '../../../../shared/contract';
import { useLocale, useT } from '../../i18n';
import { formatCountdown, nameInSubject, officerRights, remainingMs, statusAt } from '../../emergency/emergency-logic';
import { commandKey, emergencySelectors, useEmergencyStore } from '../../emergency/emergency-store';
import { LevelBadge } from '../../emergency/LevelBadge';
import { regionName } from '../../emergency/region-name';
import { CommandStatus } from './CommandStatus';

/** One proposal: change, proposer, a live countdown while pending, and the actions the identity's role allows. */
export function ProposalItem({ proposal, identity }: { proposal: Proposal; identity: OfficerIdentity | null }) {
  const t = useT();
  const locale = useLocale();
  const now = useEmergencyStore(emergencySelectors.hostNow);
  const cosignView = useEmergencyStore(emergencySelectors.command(commandKey.cosign(proposal.id)));
  const cancelView = useEmergencyStore(emergencySelectors.command(commandKey.cancel(proposal.id)));
  const { cosign, cancel } = useEmergencyStore(emergencySelectors.actions);
  const [cancelReason, setCancelReason] = useState('');
  const status = statusAt(proposal, now);
  const rights = officerRights(identity, proposal.region);
  const own = identity !== null && identity.subject === proposal.proposer;
  const busy = cosignView?.status === 'sending' || cancelView?.status === 'sending';
  return (
    <li className="proposal" data-testid="proposal" data-id={proposal.id} data-region={proposal.region} data-status={status}>
      <div className="proposal-head">
        <strong>{regionName(locale, proposal.region)}</strong>
        <span>
          <LevelBadge level={proposal.fromLevel} /> → <LevelBadge level={proposal.toLevel} />
        </span>
        <span className="proposal-status" data-testid="proposal-status">
          {t(`emergency.proposal.status.${status}`)}
        </span>
        {status === 'pending' && (
          <span className="proposal-countdown" data-testid="proposal-countdown" data-ms={remainingMs(proposal.cosignBy, now)}>
            {t('emergency.proposal.countdown', { time: formatCountdown(remainingMs(proposal.cosignBy, now)) })}
          </span>
        )}
      </div>
      <div>
        <strong>{proposal.plan}</strong> — {proposal.reason}
      </div>
      <div className="proposal-meta">
        {t('emergency.proposal.by', { name: nameInSubject(proposal.proposer) })}
        {own && ` · ${t('emergency.proposal.own')}`}
        {proposal.closedBy && ` · ${t('emergency.proposal.closedBy', { name: nameInSubject(proposal.closedBy) })}`}
      </div>
      {status === 'pending' && (rights.cosign || rights.propose) && (
        <div className="proposal-actions">
          {rights.cosign && (
            <button type="button" data-testid="proposal-cosign" disabled={busy} onClick={() => void cosign(proposal)}>
              {t('emergency.proposal.cosign')}
            </button>
          )}
          {rights.propose && (
            <>
              <input
                aria-label={t('emergency.proposal.cancelReason')}
                placeholder={t('emergency.proposal.cancelReason')}
                data-testid="proposal-cancel-reason"
                value={cancelReason}
                maxLength={500}
                onChange={(e) => setCancelReason(e.target.value)}
              />
              <button
                type="button"
                data-testid="proposal-cancel"
                disabled={busy || cancelReason.trim() === ''}
                onClick={() => void cancel(proposal, cancelReason.trim())}
              >
                {t('emergency.proposal.cancel')}
              </button>
            </>
          )}
        </div>
      )}
      <CommandStatus view={cosignView} testId="command-status-cosign" />
      <CommandStatus view={cancelView} testId="command-status-cancel" />
    </li>
  );
}
