import { useEffect, useMemo, useState } from 'react';
import { groupAlerts } from '../../../shared/domain/alert-groups';
import { PROVINCES } from '../../../shared/domain/provinces';
import { label, nameOf } from '../format/labels';
import { useTimeFormat } from '../format/time-zone-store';
import { useLocale, useT } from '../i18n';
import { depotSelectors, useDepotStore } from '../stores/depot-store';
import { situationSelectors, useSituationStore } from '../stores/situation-store';
import { emergencySelectors, useEmergencyStore } from '../emergency/emergency-store';
import { mayHandleAlert } from '../features/alert-rules/alert-rights';
import { RuleAlertItem } from '../features/alert-rules/RuleAlertItem';
import { RulesButton } from '../features/alert-rules/RulesButton';
import '../features/alert-rules/alert-rules.css';
import { ruleAlertsSelectors, useRuleAlertsStore } from '../features/alert-rules/rule-alerts-store';
import { filterSelectors, useFilterStore } from '../filters/filter-store';
import { replaySelectors, useReplayStore } from '../replay/replay-store';
import './alert-list.css';

/** Escalation runs on the clock: the rule alerts are read again this often as well as on every data change. */
const RELOAD_MS = 60_000;


const provinceName = new Map(PROVINCES.map((p) => [p.adcode, p]));

/**
 * Open alerts, live: the rule alerts (the rule set in force, evaluated on every applied batch),
 * one line each with its state and the officer's actions, then the alerts the rules do not
 * raise (counts, break-glass, discrepancies…) grouped by depot × class × kind, a break-glass
 * level I heading them. While a past moment is replayed, the alerts of that moment, grouped.
 * The list scrolls inside its panel; a line on a depot opens the depot's drawer.
 */
export function AlertList() {
  const shortTime = useTimeFormat();
  const t = useT();
  const locale = useLocale();
  const situation = useSituationStore(situationSelectors.situation);
  const categories = useSituationStore(situationSelectors.categories);
  const { open } = useDepotStore(depotSelectors.actions);
  const replaying = useReplayStore(replaySelectors.at) !== null;
  const filter = useFilterStore(filterSelectors.filter);
  const identity = useEmergencyStore(emergencySelectors.identity);
  const ruleList = useRuleAlertsStore(ruleAlertsSelectors.list);
  const ruleError = useRuleAlertsStore(ruleAlertsSelectors.error);
  const { load } = useRuleAlertsStore(ruleAlertsSelectors.actions);
  const [minute, setMinute] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setMinute((m) => m + 1), RELOAD_MS);
    return () => clearInterval(timer);
  }, []);
  const dataVersion = situation?.dataVersion;
  useEffect(() => {
    if (!replaying) void load(filter);
  }, [dataVersion, minute, replaying, filter, load]);
  const live = !replaying && ruleList !== null;
  const covered = useMemo(() => new Set(live ? ruleList.coveredKinds : []), [live, ruleList]);
  const ruleAlerts = useMemo(() => (live ? ruleList.alerts : []), [live, ruleList]);
  const ruleTotal = live ? ruleList.total : 0;
  // Rule alerts in the picture (map, counts) are listed one per line above, not grouped again here.
  const alerts = useMemo(() => (situation?.alerts ?? []).filter((a) => a.rule === undefined && !covered.has(a.kind)), [situation, covered]);
  const groups = useMemo(() => groupAlerts(alerts), [alerts]);
  const count = alerts.length + ruleTotal;
  const categoryName = (code: string) => {
    const c = categories.find((x) => x.code === code);
    return c ? nameOf(locale, c) : code;
  };
  return (
    <section className="panel list-panel">
      <div className="alert-list-head">
        <h2 className="panel-title" data-testid="alerts-title" data-value={count} data-groups={groups.length} data-rule-alerts={ruleTotal}>
          {t('alerts.groups', { groups: groups.length + ruleTotal, count })}
        </h2>
        <RulesButton />
      </div>
      {!replaying && ruleError && <p className="panel-empty" role="alert">{t('ruleAlerts.failed', { message: ruleError.message })}</p>}
      {!replaying && !ruleList && !ruleError && <p className="panel-empty">{t('ruleAlerts.loading')}</p>}
      <div className="alert-scroll table-scroll">
        {groups.length === 0 && ruleAlerts.length === 0 ? (
          <p className="panel-empty">{t('alerts.empty')}</p>
        ) : groups.length === 0 ? null : (
          <ol className="alert-list" data-testid="alert-list">
            {groups.map((g) => {
              const province = provinceName.get(g.region);
              const breakGlass = g.kind === 'break-glass';
              const what = [g.class ? label(t, 'class', g.class) : null, ...g.categories.map(categoryName)].filter(Boolean).join(' · ');
              return (
                <li
                  key={g.key}
                  className={`alert alert-${g.severity}${breakGlass ? ' alert-break-glass' : ''}`}
                  data-kind={g.kind}
                  data-count={g.count}
                  data-class={g.class ?? ''}
                  data-testid={breakGlass ? `alert-break-glass-${g.region}` : 'alert-group'}
                >
                  <span className={`severity severity-${g.severity}`}>{label(t, 'alerts.severity', g.severity)}</span>
                  <span className="alert-kind">
                    {label(t, 'alerts.kind', g.kind)}
                    {g.count > 1 && <strong className="alert-count"> {t('alerts.times', { count: g.count })}</strong>}
                  </span>
                  <span className="alert-what">{what || t('alerts.allClasses')}</span>
                  <span className="alert-where">{province ? nameOf(locale, province) : g.region}</span>
                  {g.depot ? (
                    <button type="button" className="link" onClick={() => void open(g.depot ?? '')}>
                      {g.depot}
                    </button>
                  ) : breakGlass ? (
                    <span className="alert-note">{t('alerts.breakGlass.awaiting')}</span>
                  ) : (
                    <span />
                  )}
                  <time className="alert-time" dateTime={g.firstSeen} data-last={g.lastSeen}>
                    {g.firstSeen === g.lastSeen
                      ? t('alerts.since', { first: shortTime(g.firstSeen) })
                      : t('alerts.span', { first: shortTime(g.firstSeen), last: shortTime(g.lastSeen) })}
                  </time>
                </li>
              );
            })}
          </ol>
        )}
        {ruleAlerts.length > 0 && (
          <ol className="alert-list rule-alert-list" data-testid="rule-alert-list" aria-label={t('ruleAlerts.title', { count: ruleTotal })}>
            {ruleAlerts.map((a) => (
              <RuleAlertItem key={a.id} alert={a} categoryName={categoryName} mayAct={mayHandleAlert(identity, a.region)} />
            ))}
            {ruleTotal > ruleAlerts.length && <li className="panel-note">{t('ruleAlerts.more', { count: ruleTotal - ruleAlerts.length })}</li>}
          </ol>
        )}
      </div>
    </section>
  );
}
