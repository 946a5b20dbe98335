import { useEffect, useState } from 'react';
import type { ReplicaStats } from '../../../shared/contract';
import { shortHash } from '../format/hash';
import { useTimeFormat } from '../format/time-zone-store';
import { useLocale, useT } from '../i18n';
import { ChainBadge } from '../sync/ChainBadge';
import { chainSelectors, useChainStore } from '../sync/chain-store';
import { LinkBadge } from '../sync/LinkBadge';
import { linkSelectors, useLinkStore } from '../sync/link-store';
import { ALARM_CLASSES, REGION_CLASSES, summariseRegions } from '../sync/region-status';

/**
 * The regions' data status in one chip ("31 个地区：3 实时，28 仅副本"), coloured by the worst
 * class present; it opens a drawer with each region's data-as-of, link, chain and head hash.
 * The drawer stays mounted (slid out of view, inert) so the per-region badges keep their state.
 */
export function RegionStatusChip({ stats }: { stats: ReplicaStats }) {
  const t = useT();
  const shortTime = useTimeFormat();
  const locale = useLocale();
  const links = useLinkStore(linkSelectors.links);
  const chains = useChainStore(chainSelectors.all);
  const summary = summariseRegions(stats.regions, links, chains);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  const separator = locale === 'zh-CN' ? '，' : ', ';
  const parts = REGION_CLASSES.filter((c) => summary.counts[c] > 0)
    .map((c) => t(`regions.count.${c}`, { n: summary.counts[c] }))
    .join(separator);
  const alarm = summary.worst !== null && ALARM_CLASSES.has(summary.worst);

  return (
    <>
      <button
        type="button"
        className={`region-chip region-chip-${summary.worst ?? 'none'}${alarm ? ' region-chip-alarm' : ''}`}
        data-testid="region-status-chip"
        data-worst={summary.worst ?? ''}
        data-counts={JSON.stringify(summary.counts)}
        aria-expanded={open}
        aria-controls="region-status-drawer"
        title={t('regions.chipLabel')}
        onClick={() => setOpen(!open)}
      >
        {t('regions.chip', { total: summary.total, parts })}
      </button>
      <aside
        id="region-status-drawer"
        className={`drawer region-drawer${open ? ' region-drawer-open' : ''}`}
        data-testid="region-status-drawer"
        data-open={open}
        aria-label={t('regions.title')}
        aria-hidden={!open}
        inert={!open}
      >
        <header className="drawer-header">
          <div>
            <h2>{t('regions.title')}</h2>
            <p className="drawer-sub">
              {t('status.chainHead')}{' '}
              <code className="status-hash" data-testid="chain-head" data-value={stats.chainHead} title={stats.chainHead}>
                {shortHash(stats.chainHead)}
              </code>
            </p>
          </div>
          <button type="button" data-testid="region-status-close" onClick={() => setOpen(false)}>
            {t('regions.close')}
          </button>
        </header>
        <div className="drawer-body">
          <p className="panel-note">{t('regions.rule')}</p>
          <table className="data-table compact region-status-table">
            <thead>
              <tr>
                <th scope="col">{t('regions.col.region')}</th>
                <th scope="col">{t('regions.col.status')}</th>
                <th scope="col">{t('regions.col.asOf')}</th>
                <th scope="col">{t('regions.col.link')}</th>
                <th scope="col">{t('regions.col.chain')}</th>
                <th scope="col">{t('regions.col.head')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.rows.map((r) => (
                <tr key={r.region} data-testid={`region-status-${r.region}`} data-region={r.region} data-class={r.status}>
                  <th scope="row">{locale === 'zh-CN' ? r.nameZh : r.nameEn}</th>
                  <td>
                    <span className={`region-class region-class-${r.status}`}>{t(`regions.class.${r.status}`)}</span>
                  </td>
                  <td data-testid="data-as-of" data-value={r.dataAsOf ?? ''} title={r.dataAsOf ?? ''}>
                    {r.dataAsOf ? shortTime(r.dataAsOf) : t('status.noData')}
                  </td>
                  <td>
                    <LinkBadge region={r.region} />
                  </td>
                  <td>
                    <ChainBadge region={r.region} />
                  </td>
                  <td>
                    <code className="status-hash" title={`${t('status.seq')} ${r.lastSeq} · ${r.headHash}`} data-value={r.headHash}>
                      {shortHash(r.headHash, 8)}
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </aside>
    </>
  );
}
