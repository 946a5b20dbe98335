import { useState } from 'react';
import type { RuleAlertView } from '../../../../shared/contract';
import { PROVINCES } from '../../../../shared/domain/provinces';
import { nameInSubject } from '../../dispatch/acknowledge-rights';
import { label, nameOf } from '../../format/labels';
import { formatNumber } from '../../format/numbers';
import { useTimeFormat } from '../../format/time-zone-store';
import { useLocale, useT } from '../../i18n';
import { depotSelectors, useDepotStore } from '../../stores/depot-store';
import { ruleAlertsSelectors, useRuleAlertsStore, type AlertAction } from './rule-alerts-store';

const provinceName = new Map(PROVINCES.map((p) => [p.adcode, p]));

/**
 * One raising of a rule alert: severity (and what it escalated from), kind and rule, what and
 * where, since when, who acknowledged it with what comment and to whom it is assigned; with the
 * officer's rights, acknowledge, assign and resolve as signed commands.
 */
export function RuleAlertItem({ alert, categoryName, mayAct }: { alert: RuleAlertView; categoryName: (code: string) => string; mayAct: boolean }) {
  const t = useT();
  const locale = useLocale();
  const shortTime = useTimeFormat();
  const { open } = useDepotStore(depotSelectors.actions);
  const { act } = useRuleAlertsStore(ruleAlertsSelectors.actions);
  const status = useRuleAlertsStore(ruleAlertsSelectors.actionStatus)[alert.id];
  const [action, setAction] = useState<AlertAction | null>(null);
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const province = provinceName.get(alert.region);
  const what = [alert.class ? label(t, 'class', alert.class) : null, alert.category ? categoryName(alert.category) : null].filter(Boolean).join(' · ');
  const submit = async () => {
    if (!action) return;
    if (text.trim() === '') {
      setEmpty(true);
      return;
    }
    const done = await act(alert, action, text.trim());
    if (done.state === 'accepted') {
      setAction(null);
      setText('');
    }
  };
  const start = (a: AlertAction) => {
    setAction(a);
    setText('');
    setEmpty(false);
  };
  return (
    <li
      className={`alert rule-alert alert-${alert.severity}`}
      data-testid="rule-alert"
      data-id={alert.id}
      data-rule={alert.ruleId}
      data-region={alert.region}
      data-severity={alert.severity}
      data-escalated={alert.escalatedFrom ? 'true' : 'false'}
      data-acknowledged={alert.acknowledged ? 'true' : 'false'}
    >
      <span className={`severity severity-${alert.severity}`}>{label(t, 'alerts.severity', alert.severity)}</span>
      <span className="alert-kind" title={t('ruleAlerts.rule', { rule: alert.ruleId })}>
        {label(t, 'alerts.kind', alert.kind)}
      </span>
      <span className="alert-what" title={t('ruleAlerts.value', { value: formatNumber(locale, Math.round(alert.value * 100) / 100) })}>
        {what || t('alerts.allClasses')}
      </span>
      <span className="alert-where">{province ? nameOf(locale, province) : alert.region}</span>
      {alert.depot ? (
        <button type="button" className="link" onClick={() => void open(alert.depot ?? '')}>
          {alert.depot}
        </button>
      ) : (
        <span />
      )}
      <time className="alert-time" dateTime={alert.raisedAt}>
        {t('alerts.since', { first: shortTime(alert.raisedAt) })}
      </time>
      {alert.evidence && (
        <p className="rule-alert-evidence" data-testid="rule-alert-evidence" data-kind={alert.evidence.kind} data-day={alert.evidence.day}>
          {t(alert.evidence.kind === 'outlier' ? 'ruleAlerts.evidence.outlier' : 'ruleAlerts.evidence.changepoint', {
            score: formatNumber(locale, Math.round(alert.value * 10) / 10),
            day: alert.evidence.day,
            value: formatNumber(locale, Math.round(alert.evidence.value * 10) / 10),
            low: formatNumber(locale, Math.round(alert.evidence.expectedLow * 10) / 10),
            high: formatNumber(locale, Math.round(alert.evidence.expectedHigh * 10) / 10),
          })}
        </p>
      )}
      {(alert.escalatedFrom || alert.acknowledged || alert.assigned) && (
        <p className="rule-alert-state">
          {alert.escalatedFrom && (
            <span className="rule-alert-escalated" data-testid="rule-alert-escalated">
              {t('ruleAlerts.escalated', { from: label(t, 'alerts.severity', alert.escalatedFrom) })}
            </span>
          )}
          {alert.acknowledged && (
            <span className="rule-alert-ack" data-testid="rule-alert-ack">
              {t('ruleAlerts.acknowledged', { by: nameInSubject(alert.acknowledged.by), comment: alert.acknowledged.comment })}
            </span>
          )}
          {alert.assigned && <span data-testid="rule-alert-assigned">{t('ruleAlerts.assigned', { to: alert.assigned.to })}</span>}
        </p>
      )}
      {mayAct && action === null && (
        <div className="rule-alert-actions">
          {!alert.acknowledged && (
            <button type="button" data-testid="rule-alert-acknowledge" onClick={() => start('acknowledge')}>
              {t('ruleAlerts.act.acknowledge')}
            </button>
          )}
          <button type="button" data-testid="rule-alert-assign" onClick={() => start('assign')}>
            {t('ruleAlerts.act.assign')}
          </button>
          <button type="button" data-testid="rule-alert-resolve" onClick={() => start('resolve')}>
            {t('ruleAlerts.act.resolve')}
          </button>
        </div>
      )}
      {action !== null && (
        <form
          className="rule-alert-form"
          data-testid="rule-alert-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <input
            aria-label={t(action === 'assign' ? 'ruleAlerts.act.assignee' : 'ruleAlerts.act.comment')}
            placeholder={t(action === 'assign' ? 'ruleAlerts.act.assignee' : 'ruleAlerts.act.comment')}
            data-testid="rule-alert-text"
            value={text}
            maxLength={action === 'assign' ? 200 : 500}
            onChange={(e) => {
              setText(e.target.value);
              setEmpty(false);
            }}
          />
          <button type="submit" data-testid="rule-alert-submit" disabled={status?.state === 'sending'}>
            {t('ruleAlerts.act.submit')}
          </button>
          <button type="button" onClick={() => setAction(null)}>
            {t('ruleAlerts.act.cancel')}
          </button>
          {empty && (
            <span className="field-error" role="alert">
              {t('ruleAlerts.act.needsText')}
            </span>
          )}
        </form>
      )}
      {status && status.state !== 'accepted' && (
        <p className={`rule-alert-status status-${status.state}`} data-testid="rule-alert-status" data-status={status.state} role={status.state === 'sending' ? undefined : 'alert'}>
          {status.state === 'sending'
            ? t('ruleAlerts.act.sending')
            : status.state === 'refused'
              ? t('ruleAlerts.act.refused', { reason: status.message ?? status.answer?.code ?? '' })
              : t('ruleAlerts.act.failed', { message: status.message ?? '' })}
        </p>
      )}
    </li>
  );
}
