import { useEffect, useState } from 'react';
import type { ReplicaStats } from '../../../shared/contract';
import { useTimeFormat } from '../format/time-zone-store';
import { useLocale, useT } from '../i18n';
import { linkSelectors, useLinkStore } from '../sync/link-store';
import { ageParts, STALE_AFTER_MS, summariseAsOf } from './asof-logic';

/** Re-reads the clock once a minute, so ages and staleness move on while nothing syncs. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * "数据截至 / data as of" for the offline briefing: a status-bar button with the newest time (and
 * how many regions are stale, and "offline" when no regional server is linked), opening the
 * per-region list with each one's link and age, so nobody mistakes the replica for live data.
 */
export function DataAsOf({ stats }: { stats: ReplicaStats }) {
  const shortTime = useTimeFormat();
  const t = useT();
  const locale = useLocale();
  const links = useLinkStore(linkSelectors.links);
  const now = useMinuteClock();
  const summary = summariseAsOf(stats, links, now);
  const [shown, setOpen] = useState(false);

  return (
    <>
      <button
        type="button"
        className={`asof-button${summary.staleCount > 0 ? ' asof-button-stale' : ''}`}
        data-testid="asof-button"
        data-offline={summary.offline}
        data-stale={summary.staleCount}
        aria-expanded={shown}
        onClick={() => setOpen(!shown)}
      >
        {summary.offline ? `${t('link.offline')} · ` : ''}
        {summary.staleCount > 0 ? `${t('asof.buttonStale', { count: summary.staleCount })} · ` : ''}
        {t('asof.button', { time: summary.newest ? shortTime(summary.newest) : t('status.noData') })}
      </button>
      {shown && (
        <section className="asof-panel" data-testid="asof-panel" aria-label={t('asof.title')}>
          <h2>{t('asof.title')}</h2>
          {summary.offline && (
            <p className="asof-banner" data-testid="asof-offline">
              {t('asof.offline')}
            </p>
          )}
          {summary.partial && <p className="asof-banner">{t('asof.partial')}</p>}
          <table>
            <thead>
              <tr>
                <th>{t('asof.region')}</th>
                <th>{t('asof.time')}</th>
                <th>{t('asof.age')}</th>
                <th>{t('asof.link')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {summary.regions.map((r) => {
                const age = r.ageMs === null ? null : ageParts(r.ageMs);
                return (
                  <tr key={r.region} data-testid={`asof-${r.region}`} data-stale={r.stale} data-value={r.dataAsOf ?? ''}>
                    <th>{locale === 'zh-CN' ? r.nameZh : r.nameEn}</th>
                    <td>{r.dataAsOf ? shortTime(r.dataAsOf) : t('status.noData')}</td>
                    <td>{age ? t(`asof.${age.unit}`, { n: age.n }) : '—'}</td>
                    <td>{r.link ? t(`link.${r.link}`) : t('asof.noLink')}</td>
                    <td className={r.stale ? 'asof-stale' : 'asof-fresh'}>{r.stale ? t('asof.stale') : t('asof.fresh')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="asof-rule">{t('asof.staleRule', { hours: STALE_AFTER_MS / 3_600_000 })}</p>
          <button type="button" onClick={() => setOpen(false)}>
            {t('asof.close')}
          </button>
        </section>
      )}
    </>
  );
}
