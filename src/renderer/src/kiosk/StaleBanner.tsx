import { useTimeFormat } from '../format/time-zone-store';
import { regionName } from '../emergency/region-name';
import { useLocale, useT } from '../i18n';
import { linkSelectors, useLinkStore } from '../sync/link-store';

/**
 * A wall far from any keyboard must say plainly when what it shows has stopped updating: one
 * banner naming every region whose link is stale, since when, and that the local replica is shown.
 */
export function StaleBanner() {
  const shortTime = useTimeFormat();
  const t = useT();
  const locale = useLocale();
  const links = useLinkStore(linkSelectors.links);
  const stale = Object.values(links)
    .filter((l) => l.status === 'stale')
    .sort((a, b) => a.region.localeCompare(b.region));
  if (stale.length === 0) return null;
  const since = stale.map((l) => l.staleSince).filter((s): s is string => s !== null).sort()[0];
  return (
    <section className="stale-banner" role="status" data-testid="stale-banner" data-regions={stale.map((l) => l.region).join(',')}>
      <span>{t('kiosk.stale.title', { regions: stale.map((l) => regionName(locale, l.region)).join('、') })}</span>
      {since && <span className="stale-banner-detail">{t('kiosk.stale.detail', { since: shortTime(since) })}</span>}
    </section>
  );
}
