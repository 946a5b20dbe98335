import { useEffect, useState, type ReactNode } from 'react';
import type { RotationView } from '../../../../shared/contract';
import { authorize } from '../../../../shared/domain/roles';
import { emergencySelectors, useEmergencyStore } from '../../emergency/emergency-store';
import { regionName } from '../../emergency/region-name';
import { useLocale, useT } from '../../i18n';
import { monthLabel, scopeName } from './optim-format';
import { optimisationSelectors, useOptimisationStore } from './optimisation-store';
import { instructionGroups, rowKey } from './rotation-selection';

const STATUS_ORDER = ['accepted', 'refused', 'not-sent'] as const;

/**
 * "Issue rotation instructions": the selected lots as one signed instruction per region and
 * month, after a confirmation; then each region's answer. The button follows the role matrix;
 * the regional servers decide.
 */
export function RotationIssue({ view, region, extra }: { view: RotationView; region: string | null; extra?: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const selected = useOptimisationStore(optimisationSelectors.selected);
  const issue = useOptimisationStore(optimisationSelectors.issue);
  const { toggle, askIssue, cancelIssue, issue: send } = useOptimisationStore(optimisationSelectors.actions);
  const identity = useEmergencyStore(emergencySelectors.identity);
  const defaultLabel = t('optim.issue.defaultLabel', { scope: scopeName(t, locale, region) });
  const [label, setLabel] = useState(defaultLabel);
  useEffect(() => setLabel(defaultLabel), [defaultLabel]);
  const groups = instructionGroups(view, selected);
  const rows = view.rotations.filter((r) => selected.has(rowKey(r)));
  const months = new Set(rows.map((r) => r.month)).size;
  const refusal = !identity
    ? t('optim.issue.noIdentity')
    : (groups.regions.map((r) => authorize({ role: identity.role, region: identity.region, depot: identity.depot }, 'issue-instruction', { region: r })).find((a) => !a.allowed) as { reason: string } | undefined)?.reason;

  return (
    <div className="optim-issue" data-testid="rotation-issue" data-status={issue.status}>
      {issue.status === 'confirming' ? (
        <div className="dispatch-confirm" role="dialog" aria-modal="false" aria-labelledby="optim-confirm-title" data-testid="rotation-confirm">
          <p id="optim-confirm-title">{t('optim.issue.confirm', { rows: rows.length, instructions: groups.count, regions: groups.regions.map((r) => regionName(locale, r)).join('、') })}</p>
          <label>
            {t('optim.issue.label')} <input data-testid="rotation-label" value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} />
          </label>
          <div className="dispatch-buttons">
            <button type="button" className="dispatch-primary" data-testid="rotation-confirm-issue" disabled={rows.length === 0 || label.trim() === ''} onClick={() => void send(label.trim())}>
              {t('optim.issue.sign')}
            </button>
            <button type="button" data-testid="rotation-cancel-issue" onClick={cancelIssue}>
              {t('optim.issue.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="dispatch-buttons">
          <button type="button" className="dispatch-primary" data-testid="rotation-issue-button" disabled={rows.length === 0 || !!refusal || issue.status === 'sending'} onClick={askIssue}>
            {issue.status === 'sending' ? t('optim.issue.sending') : t('optim.issue.button')}
          </button>
          <button type="button" data-testid="rotation-select-all" onClick={() => toggle(view.rotations.map(rowKey), true)}>
            {t('optim.rotation.all')}
          </button>
          <button type="button" data-testid="rotation-select-none" disabled={selected.size === 0} onClick={() => toggle([...selected], false)}>
            {t('optim.rotation.clear')}
          </button>
          <span className="panel-note" data-testid="rotation-selected" data-rows={rows.length}>
            {rows.length > 0 ? t('optim.rotation.selected', { rows: rows.length, months }) : t('optim.issue.none')}
          </span>
          {refusal && rows.length > 0 && <span className="panel-note">{refusal}</span>}
          {extra}
        </div>
      )}
      {issue.status === 'failed' && (
        <p className="dispatch-error" role="alert" data-testid="rotation-issue-error">
          {issue.error.message}
        </p>
      )}
      {issue.status === 'done' && (
        <>
          <p className="dispatch-tally" data-testid="rotation-tally">
            {t('optim.issue.tally', {
              accepted: issue.results.filter((r) => r.status === 'accepted').length,
              refused: issue.results.filter((r) => r.status === 'refused').length,
              notSent: issue.results.filter((r) => r.status === 'not-sent').length,
            })}
          </p>
          <div className="table-scroll optim-results">
            <table className="data-table compact" data-testid="rotation-results">
              <thead>
                <tr>
                  <th scope="col">{t('optim.issue.col.region')}</th>
                  <th scope="col">{t('optim.issue.col.month')}</th>
                  <th scope="col">{t('optim.issue.col.instruction')}</th>
                  <th scope="col">{t('optim.issue.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {[...issue.results]
                  .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || (a.instructionId < b.instructionId ? -1 : 1))
                  .map((r) => (
                    <tr key={r.instructionId} data-region={r.region} data-status={r.status} data-instruction={r.instructionId} className={`dispatch-result-${r.status}`}>
                      <th scope="row">{regionName(locale, r.region)}</th>
                      <td>{monthLabel(t, locale, r.month)}</td>
                      <td>
                        <code>{r.instructionId}</code>
                      </td>
                      <td title={r.reason ?? undefined}>
                        {t(`optim.issue.status.${r.status}`)}
                        {r.status !== 'accepted' && ` · ${r.code === 'no-link' ? t('optim.issue.noLink') : [r.code, r.reason].filter(Boolean).join(': ')}`}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
