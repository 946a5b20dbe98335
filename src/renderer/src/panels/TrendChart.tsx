import { useMemo } from 'react';
import { getInrs } from '../bridge';
import { EChart } from '../charts/EChart';
import { trendOption } from '../charts/options';
import { filterSelectors, useFilterStore } from '../filters/filter-store';
import { useHostQuery } from '../hooks/useHostQuery';
import { label } from '../format/labels';
import { useT } from '../i18n';
import { situationSelectors, useSituationStore } from '../stores/situation-store';

const WINDOW_DAYS = 90;

/** The province's days of cover by class over the last 90 days of its log. */
export function TrendChart({ region }: { region: string | undefined }) {
  const t = useT();
  const filter = useFilterStore(filterSelectors.filter);
  const version = useSituationStore(situationSelectors.situation)?.dataVersion;
  const key = region && version ? `${region}|${version}|${JSON.stringify(filter)}` : null;
  const { value: trend } = useHostQuery(key, () => getInrs().situation.trend({ region: region ?? '', filter, days: WINDOW_DAYS }));
  const option = useMemo(() => trend && trendOption(trend, { className: (c) => label(t, 'class', c), days: t('figures.personsUnit') }), [trend, t]);
  return (
    <section className="panel chart-panel">
      <h2 className="panel-title">{t('trend.title', { days: WINDOW_DAYS })}</h2>
      {option ? <EChart option={option} label={t('trend.title', { days: WINDOW_DAYS })} testId="trend-chart" /> : <p className="panel-empty">{t('region.pick')}</p>}
    </section>
  );
}
