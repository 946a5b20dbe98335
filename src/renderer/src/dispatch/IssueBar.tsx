import { useState } from 'react';
import { authorize } from '../../../shared/domain/roles';
import { emergencySelectors, useEmergencyStore } from '../emergency/emergency-store';
import { regionName } from '../emergency/region-name';
import { useLocale, useT } from '../i18n';
import { dispatchSelectors, useDispatchStore } from './dispatch-store';
import { issueLines, sourceRegions } from './plan-edits';

/** What went through first, then what the servers refused, then what never reached one. */
const STATUS_ORDER = ['accepted', 'refused', 'not-sent'] as const;

/**
 * "Issue as signed instructions": one instruction per source region, signed on the host with
 * the workstation's certificate, after a confirmation; then each region's answer. The button
 * follows the role matrix; the regional servers decide.
 */
export function IssueBar({ defaultLabel }: { defaultLabel: string }) {
  const t = useT();
  const locale = useLocale();
  const lines = useDispatchStore(dispatchSelectors.lines);
  const issue = useDispatchStore(dispatchSelectors.issue);
  const { askIssue, cancelIssue, issue: send } = useDispatchStore(dispatchSelectors.actions);
  const identity = useEmergencyStore(emergencySelectors.identity);
  const [label, setLabel] = useState(defaultLabel);
  const ready = issueLines(lines);
  const transportUnits = useDispatchStore((s) => s.recommendation?.explanation.transport?.units.length ?? 0);
  const regions = sourceRegions(lines);
  const refusal = !identity
    ? t('dispatch.issue.noIdentity')
    : (regions.map((r) => authorize({ role: identity.role, region: identity.region, depot: identity.depot }, 'issue-instruction', { region: r })).find((a) => !a.allowed) as
        | { reason: string }
        | undefined)?.reason;

  return (
    <div className="dispatch-issue" data-testid="dispatch-issue" data-status={issue.status}>
      {issue.status === 'confirming' ? (
        <div className="dispatch-confirm" role="dialog" aria-modal="false" aria-labelledby="dispatch-confirm-title" data-testid="dispatch-confirm">
          <p id="dispatch-confirm-title">
            {t('dispatch.issue.confirm', { lines: ready?.length ?? 0, regions: regions.length })}
          </p>
          <p className="panel-note">{regions.map((r) => regionName(locale, r)).join('、')}</p>
          {transportUnits > 0 && (
            <p className="panel-note dispatch-civilian-line" data-testid="dispatch-confirm-transport">
              {t('dispatch.issue.transport', { count: transportUnits })}
            </p>
          )}
          <label>
            {t('dispatch.issue.label')}{' '}
            <input data-testid="dispatch-label" value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} />
          </label>
          <div className="dispatch-buttons">
            <button type="button" className="dispatch-primary" data-testid="dispatch-confirm-issue" disabled={!ready || label.trim() === ''} onClick={() => void send(label.trim())}>
              {t('dispatch.issue.sign')}
            </button>
            <button type="button" data-testid="dispatch-cancel-issue" onClick={cancelIssue}>
              {t('dispatch.issue.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="dispatch-buttons">
          <button type="button" className="dispatch-primary" data-testid="dispatch-issue-button" disabled={!ready || !!refusal || issue.status === 'sending'} onClick={askIssue}>
            {issue.status === 'sending' ? t('dispatch.issue.sending') : t('dispatch.issue.button')}
          </button>
          {refusal && <span className="panel-note">{refusal}</span>}
          {!ready && lines.length > 0 && <span className="panel-note dispatch-invalid">{t('dispatch.issue.fix')}</span>}
        </div>
      )}
      {issue.status === 'failed' && (
        <p className="dispatch-error" role="alert" data-testid="dispatch-issue-error">
          {issue.error.message}
        </p>
      )}
      {issue.status === 'done' && (
        <p className="dispatch-tally" data-testid="dispatch-tally">
          {t('dispatch.issue.tally', {
            accepted: issue.results.filter((r) => r.status === 'accepted').length,
            refused: issue.results.filter((r) => r.status === 'refused').length,
            notSent: issue.results.filter((r) => r.status === 'not-sent').length,
          })}
        </p>
      )}
      {issue.status === 'done' && (
        <table className="data-table compact" data-testid="dispatch-results">
          <thead>
            <tr>
              <th scope="col">{t('dispatch.issue.col.region')}</th>
              <th scope="col">{t('dispatch.issue.col.instruction')}</th>
              <th scope="col">{t('dispatch.issue.col.status')}</th>
              <th scope="col">{t('dispatch.issue.col.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {[...issue.results].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || (a.region < b.region ? -1 : 1)).map((r) => (
              <tr key={r.region} data-region={r.region} data-status={r.status} data-instruction={r.instructionId} className={`dispatch-result-${r.status}`}>
                <th scope="row">{regionName(locale, r.region)}</th>
                <td>
                  <code>{r.instructionId}</code>
                </td>
                <td>{t(`dispatch.issue.status.${r.status}`)}</td>
                <td className="dispatch-reason" title={r.reason ?? undefined}>
                  {r.code === 'no-link' ? t('dispatch.issue.noLink') : [r.code, r.reason].filter(Boolean).join(': ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
