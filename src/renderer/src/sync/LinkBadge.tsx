import { useEffect } from 'react';
import { useTimeFormat } from '../format/time-zone-store';
import { useT } from '../i18n';
import { linkSelectors, useLinkStore } from './link-store';

/** Follows link states for as long as a status bar is on screen. */
export function useLinkSync(): void {
  useEffect(() => useLinkStore.getState().actions.start(), []);
}

/** A region's link to its regional server: live, catching up (with progress), stale since T, refused (reason). */
export function LinkBadge({ region }: { region: string }) {
  const shortTime = useTimeFormat();
  const t = useT();
  const link = useLinkStore(linkSelectors.of(region));
  if (!link) return null;
  const progress = link.status === 'catching-up' && link.headSeq ? ` ${Math.floor((100 * link.cursor) / link.headSeq)}%` : '';
  const since = link.status === 'stale' && link.staleSince ? ` ${t('link.since')} ${shortTime(link.staleSince)}` : '';
  return (
    <span
      className={`link-badge link-${link.status}`}
      data-testid={`link-status-${region}`}
      data-status={link.status}
      data-cursor={link.cursor}
      title={[link.server, link.reason].filter(Boolean).join(' · ')}
    >
      {t(`link.${link.status}`)}
      {progress}
      {since}
    </span>
  );
}
