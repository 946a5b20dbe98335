import type { ReplicaStats } from '../../../shared/contract';
import { shortHash } from '../format/hash';
import { useTimeFormat } from '../format/time-zone-store';
import { useLocale, useT } from '../i18n';
import { KpiTiles } from './KpiTiles';
import { LinkBadge, useLinkSync } from '../sync/LinkBadge';
import { ChainBadge, useChainSync } from '../sync/ChainBadge';
import { DataAsOf } from '../replay/DataAsOf';
import { ReplayMarker, TimeSlider } from '../replay/TimeSlider';

export function StatusBar({ stats }: { stats: ReplicaStats | null }) {
  const shortTime = useTimeFormat();
  const t = useT();
  const locale = useLocale();
  useLinkSync();
  useChainSync();
  return (
    <footer className="status-bar status-bar-replay" data-testid="status-bar">
      <TimeSlider />
      <ReplayMarker />
      {stats && <KpiTiles stats={stats} />}
      {stats && <DataAsOf stats={stats} />}
      {stats && (
        <div className="status-chain">
          <span className="status-label">{t('status.chainHead')}</span>
          <code className="status-hash" data-testid="chain-head" data-value={stats.chainHead} title={stats.chainHead}>
            {shortHash(stats.chainHead)}
          </code>
        </div>
      )}
      <ul className="status-regions">
        {stats?.regions.map((r) => (
          <li key={r.region} data-testid={`region-status-${r.region}`} data-region={r.region}>
            <span className="status-region-name">{locale === 'zh-CN' ? r.nameZh : r.nameEn}</span>
            <span className="status-label">{t('status.dataAsOf')}</span>
            <span className="status-value" data-testid="data-as-of" data-value={r.dataAsOf ?? ''} title={r.dataAsOf ?? ''}>
              {r.dataAsOf ? shortTime(r.dataAsOf) : t('status.noData')}
            </span>
            {/* The link comes before the hash: on a narrow wall the hash is what gets cut off. */}
            <LinkBadge region={r.region} />
            <ChainBadge region={r.region} />
            <code className="status-hash" title={`${t('status.seq')} ${r.lastSeq} · ${r.headHash}`} data-value={r.headHash}>
              {shortHash(r.headHash, 8)}
            </code>
          </li>
        ))}
      </ul>
    </footer>
  );
}
