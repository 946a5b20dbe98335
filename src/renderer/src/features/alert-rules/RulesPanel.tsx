import { useEffect, useMemo, useState } from 'react';
import type { CommandAnswer, HostErrorInfo, RuleAlertView, RuleSetInForce } from '../../../../shared/contract';
import { ALERT_RULE_MEASURES, ALERT_SEVERITIES, MEASURE_DIRECTION, type AlertRuleMeasure, type AlertSeverity } from '../../../../shared/domain/alert-rules';
import { PROVINCES } from '../../../../shared/domain/provinces';
import { getInrs } from '../../bridge';
import { nameInSubject } from '../../dispatch/acknowledge-rights';
import { emergencySelectors, useEmergencyStore } from '../../emergency/emergency-store';
import { filterSelectors, useFilterStore } from '../../filters/filter-store';
import { label, nameOf } from '../../format/labels';
import { useTimeFormat } from '../../format/time-zone-store';
import { useLocale, useT, type MessageKey, type Translate } from '../../i18n';
import { useHostQuery } from '../../hooks/useHostQuery';
import { situationSelectors, useSituationStore } from '../../stores/situation-store';
import { mayPublishRules } from './alert-rights';
import { ruleAlertsSelectors, useRuleAlertsStore } from './rule-alerts-store';
import { newRow, nextRuleSet, previewRuleSet, rowProblems, rulesChanged, toRow, withMeasure, type RowField, type RuleProblem, type RuleRow } from './rule-form';
import { useRulePreview } from './use-rule-preview';
import './alert-rules.css';

const provinceOf = new Map(PROVINCES.map((p) => [p.adcode, p]));
/** Subjects a rule's preview names; the rest are counted. */
const PREVIEW_NAMES = 5;

type PublishState = { state: 'sending' } | { state: 'answered'; answer: CommandAnswer; version: number } | { state: 'failed'; error: HostErrorInfo } | null;

function problemText(t: Translate, p: RuleProblem): string {
  const params = { ...p.params };
  if (typeof params.field === 'string') params.field = t(`rules.col.${params.field}` as MessageKey);
  if (typeof params.side === 'string') params.side = t(`rules.side.${params.side}` as MessageKey);
  if (typeof params.severity === 'string') params.severity = label(t, 'alerts.severity', params.severity);
  return t(p.key, params);
}

/**
 * The alert rules of a region for analysts: the set in force, each rule's thresholds, hold,
 * severity, scope and escalation editable, what each edited rule would raise on this replica,
 * and the edited set published as the next signed version. Without the role it is read-only.
 */
export function RulesPanel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const locale = useLocale();
  const shortTime = useTimeFormat();
  const identity = useEmergencyStore(emergencySelectors.identity);
  const filter = useFilterStore(filterSelectors.filter);
  const situation = useSituationStore(situationSelectors.situation);
  const provinces = situation?.provinces;
  const { load: reloadAlerts } = useRuleAlertsStore(ruleAlertsSelectors.actions);
  const regions = useMemo(() => (provinces ?? []).filter((p) => p.depots > 0).map((p) => p.adcode), [provinces]);
  const initial = filter.regions[0] ?? (identity && identity.region !== '000000' ? identity.region : regions[0]) ?? '430000';
  const [region, setRegion] = useState(initial);
  const [inForce, setInForce] = useState<RuleSetInForce | null>(null);
  const [loadError, setLoadError] = useState<HostErrorInfo | null>(null);
  const [rows, setRows] = useState<RuleRow[]>([]);
  const [publish, setPublish] = useState<PublishState>(null);

  const read = async (wantVersion?: number) => {
    // After a publish the rule set reaches this replica through sync: read until it is there.
    for (let attempt = 0; attempt < 40; attempt++) {
      const r = await getInrs().alerts.rules({ region });
      if (!r.ok) {
        setLoadError(r.error);
        return;
      }
      if (wantVersion === undefined || r.value.nextVersion > wantVersion || attempt === 39) {
        setLoadError(null);
        setInForce(r.value);
        setRows(r.value.ruleSet.rules.map(toRow));
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  useEffect(() => {
    setInForce(null);
    setPublish(null);
    void read();
    // Read again when the region changes.
  }, [region]);

  const editable = mayPublishRules(identity, region);
  const next = inForce ? nextRuleSet(inForce.nextVersion, rows) : null;
  const changed = inForce ? rulesChanged(inForce.ruleSet, next) : false;
  const preview = useRulePreview(region, inForce ? previewRuleSet(inForce.nextVersion, rows) : null);
  // What the rules in force raise in the region now, beside each rule's preview.
  const { value: current } = useHostQuery(inForce ? `${region}|${inForce.nextVersion}|${situation?.dataVersion ?? ''}` : null, () =>
    getInrs().alerts.list({ filter: { regions: [region] }, limit: 1000 }),
  );
  const nowByRule = useMemo(() => countBy(current?.alerts ?? []), [current]);
  const previewByRule = useMemo(() => groupBy(preview.alerts), [preview.alerts]);
  const edit = (i: number, field: RowField, value: string | boolean) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
  const editMeasure = (i: number, measure: AlertRuleMeasure) => setRows((rs) => rs.map((r, j) => (j === i ? withMeasure(r, measure) : r)));
  const [addMeasure, setAddMeasure] = useState<AlertRuleMeasure>('consumption-anomaly');

  const doPublish = async () => {
    if (!next || !inForce) return;
    setPublish({ state: 'sending' });
    const r = await getInrs().alerts.publish({ region, ruleSet: next });
    if (!r.ok) return setPublish({ state: 'failed', error: r.error });
    setPublish({ state: 'answered', answer: r.value, version: next.version });
    if (r.value.status === 'accepted') {
      await read(next.version);
      await reloadAlerts();
    }
  };

  const regionName = (code: string) => {
    const p = provinceOf.get(code);
    return p ? nameOf(locale, p) : code;
  };
  const input = (i: number, row: RuleRow, field: RowField, problems: RuleProblem[], width = 'num') => (
    <input
      className={`rules-input rules-${width}${problems.some((p) => p.field === field) ? ' invalid' : ''}`}
      data-testid={`rule-${row.rule.id}-${field}`}
      aria-label={`${row.rule.id} ${t(`rules.col.${field}` as MessageKey)}`}
      aria-invalid={problems.some((p) => p.field === field)}
      value={String(row[field])}
      readOnly={!editable}
      onChange={(e) => edit(i, field, e.target.value)}
    />
  );

  return (
    <div className="search-backdrop rules-backdrop" onClick={onClose}>
      <div className="rules-panel" role="dialog" aria-modal="true" aria-labelledby="rules-title" data-testid="rules-panel" data-editable={editable} onClick={(e) => e.stopPropagation()}>
        <header className="rules-head">
          <h2 id="rules-title">{t('rules.title', { region: regionName(region) })}</h2>
          <label>
            {t('rules.region')}{' '}
            <select data-testid="rules-region" value={region} onChange={(e) => setRegion(e.target.value)}>
              {[...new Set([region, ...regions])].map((r) => (
                <option key={r} value={r}>
                  {regionName(r)}
                </option>
              ))}
            </select>
          </label>
          {inForce && (
            <span className="rules-version" data-testid="rules-version" data-version={inForce.publishedBy ? inForce.ruleSet.version : 0}>
              {inForce.publishedBy
                ? `${t('rules.version', { version: inForce.ruleSet.version })} · ${t('rules.publishedBy', { by: nameInSubject(inForce.publishedBy), at: shortTime(inForce.publishedAt ?? '') })}`
                : t('rules.shipped')}
            </span>
          )}
          <button type="button" className="rules-close" data-testid="rules-close" onClick={onClose}>
            {t('rules.close')}
          </button>
        </header>
        {!editable && <p className="panel-note" data-testid="rules-read-only">{t('rules.readOnly')}</p>}
        {loadError && <p role="alert">{t('rules.failed', { message: loadError.message })}</p>}
        {!inForce && !loadError && <p className="panel-empty">{t('rules.loading')}</p>}
        {inForce && (
          <div className="rules-scroll">
            <table className="data-table rules-table">
              <thead>
                <tr>
                  <th scope="col">{t('rules.col.rule')}</th>
                  <th scope="col">{t('rules.col.enabled')}</th>
                  <th scope="col">{t('rules.col.severity')}</th>
                  <th scope="col">{t('rules.col.raiseAt')}</th>
                  <th scope="col">{t('rules.col.clearAt')}</th>
                  <th scope="col">{t('rules.col.criticalAt')}</th>
                  <th scope="col">{t('rules.col.minDuration')}</th>
                  <th scope="col">{t('rules.col.scope')}</th>
                  <th scope="col">{t('rules.col.escalation')}</th>
                  <th scope="col">{t('rules.col.preview')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => {
                  const problems = rowProblems(row);
                  const would = previewByRule.get(row.rule.id) ?? [];
                  return (
                    <RuleLine key={row.rule.id} id={row.rule.id} problems={problems} t={t}>
                      <th scope="row" className="rules-name">
                        <strong>{label(t, 'alerts.kind', row.rule.kind)}</strong>
                        <span className="rules-measure">
                          <MeasureSelect value={row.measure} disabled={!editable} testId={`rule-${row.rule.id}-measure`} t={t} onChange={(m) => editMeasure(i, m)} /> ·{' '}
                          {t(`rules.direction.${MEASURE_DIRECTION[row.measure]}` as MessageKey)}
                        </span>
                      </th>
                      <td>
                        <input type="checkbox" data-testid={`rule-${row.rule.id}-enabled`} aria-label={`${row.rule.id} ${t('rules.col.enabled')}`} checked={row.enabled} disabled={!editable} onChange={(e) => edit(i, 'enabled', e.target.checked)} />
                      </td>
                      <td>
                        <SeveritySelect value={row.severity} disabled={!editable} testId={`rule-${row.rule.id}-severity`} t={t} onChange={(v) => edit(i, 'severity', v)} />
                      </td>
                      <td>{input(i, row, 'raiseAt', problems)}</td>
                      <td>{input(i, row, 'clearAt', problems)}</td>
                      <td>{input(i, row, 'criticalAt', problems)}</td>
                      <td>{input(i, row, 'minDuration', problems)}</td>
                      <td>
                        <div className="rules-scope">
                          <label title={t('rules.scope.classes')}>{t('rules.scope.classes')} {input(i, row, 'classes', problems, 'text')}</label>
                          <label title={t('rules.scope.categories')}>{t('rules.scope.categories')} {input(i, row, 'categories', problems, 'text')}</label>
                          <label title={t('rules.scope.regions')}>{t('rules.scope.regions')} {input(i, row, 'regions', problems, 'text')}</label>
                        </div>
                      </td>
                      <td className="rules-escalation">
                        {input(i, row, 'escalationMinutes', problems)}
                        <SeveritySelect value={row.escalationTo} disabled={!editable} testId={`rule-${row.rule.id}-escalationTo`} t={t} onChange={(v) => edit(i, 'escalationTo', v)} />
                      </td>
                      <td className="rules-preview" data-testid={`rule-${row.rule.id}-preview`} data-count={preview.state === 'ready' && row.enabled ? would.length : ''}>
                        {!row.enabled ? (
                          t('rules.none')
                        ) : problems.length > 0 ? (
                          <span className="panel-note">{t('rules.preview.blocked')}</span>
                        ) : preview.state === 'error' ? (
                          <span role="alert">{t('rules.preview.failed', { message: preview.error?.message ?? '' })}</span>
                        ) : preview.state !== 'ready' ? (
                          <span className="panel-note">{t('rules.preview.pending')}</span>
                        ) : (
                          <PreviewCell alerts={would} now={nowByRule.get(row.rule.id) ?? 0} t={t} />
                        )}
                      </td>
                    </RuleLine>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {inForce && editable && (
          <footer className="rules-foot">
            <span className="rules-add">
              <MeasureSelect value={addMeasure} disabled={false} testId="rules-add-measure" t={t} onChange={setAddMeasure} />
              <button type="button" data-testid="rules-add" onClick={() => setRows((rs) => [...rs, newRow(addMeasure, rs)])}>
                {t('rules.add')}
              </button>
            </span>
            <button type="button" className="primary" data-testid="rules-publish" disabled={!next || !changed || publish?.state === 'sending'} onClick={() => void doPublish()}>
              {t('rules.publish', { version: inForce.nextVersion })}
            </button>
            {!changed && <span className="panel-note">{t('rules.unchanged')}</span>}
            <PublishStatus publish={publish} t={t} />
          </footer>
        )}
      </div>
    </div>
  );
}

function RuleLine({ id, problems, t, children }: { id: string; problems: RuleProblem[]; t: Translate; children: React.ReactNode }) {
  return (
    <>
      <tr data-testid={`rule-${id}`} data-rule={id} className={problems.length > 0 ? 'rules-invalid' : ''}>
        {children}
      </tr>
      {problems.length > 0 && (
        <tr className="rules-errors">
          <td colSpan={10} role="alert" data-testid={`rule-${id}-errors`}>
            {problems.map((p) => problemText(t, p)).join('；')}
          </td>
        </tr>
      )}
    </>
  );
}

function MeasureSelect({ value, disabled, testId, t, onChange }: { value: AlertRuleMeasure; disabled: boolean; testId: string; t: Translate; onChange: (m: AlertRuleMeasure) => void }) {
  return (
    <select data-testid={testId} value={value} disabled={disabled} aria-label={t('rules.measure')} onChange={(e) => onChange(e.target.value as AlertRuleMeasure)}>
      {ALERT_RULE_MEASURES.map((m) => (
        <option key={m} value={m}>
          {t(`rules.measure.${m}` as MessageKey)}
        </option>
      ))}
    </select>
  );
}

function SeveritySelect({ value, disabled, testId, t, onChange }: { value: AlertSeverity; disabled: boolean; testId: string; t: Translate; onChange: (v: AlertSeverity) => void }) {
  return (
    <select data-testid={testId} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as AlertSeverity)}>
      {ALERT_SEVERITIES.map((s) => (
        <option key={s} value={s}>
          {label(t, 'alerts.severity', s)}
        </option>
      ))}
    </select>
  );
}

function PreviewCell({ alerts, now, t }: { alerts: RuleAlertView[]; now: number; t: Translate }) {
  const names = alerts.slice(0, PREVIEW_NAMES).map((a) => [a.depot, a.class ? label(t, 'class', a.class) : null, a.category].filter(Boolean).join(' · '));
  return (
    <details>
      <summary>{t('rules.preview.count', { count: alerts.length, now })}</summary>
      <ul className="rules-preview-list">
        {names.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
        {alerts.length > PREVIEW_NAMES && <li>…</li>}
      </ul>
    </details>
  );
}

function PublishStatus({ publish, t }: { publish: PublishState; t: Translate }) {
  if (!publish) return null;
  if (publish.state === 'sending') return <span data-testid="rules-publish-status" data-status="sending">{t('rules.publishing')}</span>;
  if (publish.state === 'failed') {
    return (
      <span role="alert" data-testid="rules-publish-status" data-status="failed">
        {t('rules.sendFailed', { message: publish.error.message })}
      </span>
    );
  }
  const a = publish.answer;
  return a.status === 'accepted' ? (
    <span data-testid="rules-publish-status" data-status="accepted">
      {t('rules.published', { version: publish.version, seq: a.seq ?? '' })}
    </span>
  ) : (
    <span role="alert" data-testid="rules-publish-status" data-status="refused">
      {t('rules.refused', { reason: a.reason ?? a.code ?? '' })}
    </span>
  );
}

const countBy = (alerts: readonly RuleAlertView[]) => {
  const m = new Map<string, number>();
  for (const a of alerts) m.set(a.ruleId, (m.get(a.ruleId) ?? 0) + 1);
  return m;
};

const groupBy = (alerts: readonly RuleAlertView[]) => {
  const m = new Map<string, RuleAlertView[]>();
  for (const a of alerts) m.set(a.ruleId, [...(m.get(a.ruleId) ?? []), a]);
  return m;
};
