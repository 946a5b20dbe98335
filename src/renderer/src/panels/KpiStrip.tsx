import type { CategoryClass } from '../../../shared/domain/events';
import { CATEGORY_CLASSES } from '../../../shared/domain/events';
import { GroupedNumber } from '../components/GroupedNumber';
import { filterSelectors, useFilterStore } from '../filters/filter-store';
import { formatDays } from '../format/numbers';
import { label } from '../format/labels';
import { useTimeFormat } from '../format/time-zone-store';
import { useLocale, useT } from '../i18n';
import { situationSelectors, useSituationStore } from '../stores/situation-store';
import { useWallStore, wallSelectors } from '../walls/wall-store';

type Counter = 'depotsUnderFloor' | 'lotsExpiring30' | 'lotsExpiring90' | 'openAlerts' | 'regionsInEmergency';
const COUNTERS: readonly { key: Counter; testId: string }[] = [
  { key: 'depotsUnderFloor', testId: 'kpi-depots-under-floor' },
  { key: 'lotsExpiring30', testId: 'kpi-lots-expiring-30' },
  { key: 'lotsExpiring90', testId: 'kpi-lots-expiring-90' },
  { key: 'openAlerts', testId: 'kpi-open-alerts' },
  { key: 'regionsInEmergency', testId: 'kpi-regions-in-emergency' },
];

/**
 * The national KPI strip: reserves by class in days of consumption (a tile filters by its
 * class), then the counters (a tile opens the alerts and tasks wall).
 */
export function KpiStrip() {
  const shortTime = useTimeFormat();
  const t = useT();
  const locale = useLocale();
  const kpis = useSituationStore(situationSelectors.kpis);
  const filter = useFilterStore(filterSelectors.filter);
  const { toggleClass } = useFilterStore(filterSelectors.actions);
  const { select } = useWallStore(wallSelectors.actions);
  if (!kpis) return <section className="panel kpi-strip" data-testid="kpi-strip" />;
  const classes = CATEGORY_CLASSES.filter((c) => c in kpis.reserveDaysByClass);
  return (
    <section className="panel kpi-strip" data-testid="kpi-strip" data-version={kpis.dataVersion} aria-label={t('kpis.title')}>
      <div className="kpi-days" title={t('kpis.daysHint')}>
        {classes.map((cls: CategoryClass) => {
          const days = kpis.reserveDaysByClass[cls] ?? 0;
          return (
            <button
              key={cls}
              type="button"
              className="kpi-card kpi-class"
              data-testid={`kpi-reserve-days-${cls}`}
              data-value={days}
              aria-pressed={filter.classes.includes(cls)}
              onClick={() => toggleClass(cls)}
            >
              <span className="kpi-card-label">{t('kpis.reserveDays', { cls: label(t, 'class', cls) })}</span>
              <span className="kpi-card-value">
                {formatDays(locale, days)}
                <small> {t('kpis.days')}</small>
              </span>
            </button>
          );
        })}
      </div>
      <div className="kpi-counters">
        {COUNTERS.map(({ key, testId }) => (
          <button
            key={key}
            type="button"
            className={`kpi-card kpi-counter${kpis[key] > 0 && key !== 'lotsExpiring90' ? ' kpi-alarm' : ''}`}
            onClick={() => select('alerts-tasks')}
          >
            <span className="kpi-card-label">{t(`kpis.${key}`)}</span>
            <GroupedNumber className="kpi-card-value" value={kpis[key]} testId={testId} />
          </button>
        ))}
      </div>
      {kpis.asOf && <p className="kpi-asof">{t('kpis.asOf', { time: shortTime(kpis.asOf) })}</p>}
    </section>
  );
}
