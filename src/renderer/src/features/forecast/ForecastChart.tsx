import { useMemo, useState } from 'react';
import type { RegionForecast, ReserveForecast } from '../../../../shared/contract/forecast-schemas';
import { getInrs } from '../../bridge';
import { EChart } from '../../charts/EChart';
import { nameOf } from '../../format/labels';
import { formatNumber } from '../../format/numbers';
import { useHostQuery } from '../../hooks/useHostQuery';
import { useLocale, useT, type Locale } from '../../i18n';
import { situationSelectors, useSituationStore } from '../../stores/situation-store';
import { forecastOption, reserveMostAtRisk } from './forecast-option';
import './forecast.css';

type T = ReturnType<typeof useT>;

function crossingText(t: T, f: RegionForecast, r: ReserveForecast): string {
  const date = (k: number | null) => (k === null ? '' : (f.forecastDates[k - 1] ?? ''));
  if (r.underFloorNow) return t('forecast.underNow');
  if (r.crossing.expected !== null) return t('forecast.crossing', { date: date(r.crossing.expected), earliest: date(r.crossing.earliest) });
  if (r.crossing.earliest !== null) return t('forecast.crossingEarliestOnly', { earliest: date(r.crossing.earliest), days: f.forecastDates.length });
  return t('forecast.safe', { days: f.forecastDates.length });
}

function Anomalies({ r, locale }: { r: ReserveForecast; locale: Locale }) {
  const t = useT();
  if (r.anomalies.length === 0) return null;
  // Newest first: the one an officer acts on.
  const shown = [...r.anomalies].reverse().slice(0, 3);
  return (
    <details className="forecast-anomalies" data-testid="forecast-anomalies">
      <summary>{t('forecast.anomalies', { count: r.anomalies.length })}</summary>
      <ul>
        {shown.map((a) => (
          <li key={`${a.kind}-${a.from}`} data-kind={a.kind}>
            {t(`forecast.anomaly.${a.kind}`, { from: a.from })}
            <span className="forecast-evidence">{t('forecast.anomaly.evidence', { from: a.evidenceFrom, values: a.evidence.map((v) => formatNumber(locale, v)).join(' · ') })}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** A province's reserves: stock history, forecast band, safety floor and the day the forecast crosses it. */
export function ForecastChart({ region }: { region: string | undefined }) {
  const t = useT();
  const locale = useLocale();
  const version = useSituationStore(situationSelectors.situation)?.dataVersion;
  const key = region && version ? `${region}|${version}` : null;
  const { value: forecast, error } = useHostQuery(key, () => getInrs().forecast.region({ region: region ?? '' }));
  const [picked, setPicked] = useState<string | null>(null);
  const reserve = forecast ? (forecast.reserves.find((r) => r.category === picked) ?? reserveMostAtRisk(forecast.reserves)) : null;
  const option = useMemo(
    () =>
      forecast && reserve
        ? forecastOption(forecast, reserve, {
            stock: t('forecast.stock'),
            forecast: t('forecast.point'),
            band: t('forecast.band', { level: Math.round(forecast.level * 100) }),
            floor: t('forecast.floor'),
            crossing: (date) => t('forecast.crossingLine', { date: date.slice(5) }),
            number: (v) => formatNumber(locale, Math.round(v)),
          })
        : null,
    [forecast, reserve, t, locale],
  );
  const days = forecast?.forecastDates.length ?? 30;
  return (
    <section className="panel chart-panel forecast-panel" data-testid="forecast-panel" data-status={forecast ? 'ready' : error ? 'error' : 'loading'}>
      <div className="forecast-head">
        <h2 className="panel-title">{t('forecast.title', { days })}</h2>
        {forecast && forecast.reserves.length > 0 && (
          <select aria-label={t('forecast.reserve')} data-testid="forecast-reserve" value={reserve?.category ?? ''} onChange={(e) => setPicked(e.target.value)}>
            {forecast.reserves.map((r) => (
              <option key={r.category} value={r.category}>
                {nameOf(locale, r)}
              </option>
            ))}
          </select>
        )}
      </div>
      {error && <p className="panel-empty">{t('forecast.failed', { message: error.message })}</p>}
      {!error && !forecast && <p className="panel-empty">{region ? t('forecast.loading') : t('region.pick')}</p>}
      {forecast && !reserve && <p className="panel-empty">{t('forecast.none')}</p>}
      {forecast && reserve && option && (
        <>
          <EChart option={option} label={`${t('forecast.title', { days })}: ${nameOf(locale, reserve)}`} testId="forecast-chart" />
          <p className={reserve.underFloorNow || reserve.crossing.expected !== null ? 'forecast-status forecast-warn' : 'forecast-status'} data-testid="forecast-crossing" title={t('forecast.method')}>
            {nameOf(locale, reserve)} · {crossingText(t, forecast, reserve)}
            {reserve.forecast.method === 'flat' && ` · ${t('forecast.flat', { days: forecast.dates.length })}`}
          </p>
          <Anomalies r={reserve} locale={locale} />
        </>
      )}
    </section>
  );
}
