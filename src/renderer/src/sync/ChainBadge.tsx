import { useEffect } from 'react';
import { useT } from '../i18n';
import { chainSelectors, useChainStore } from './chain-store';

/** Follows the host's chain check for as long as a status bar is on screen. */
export function useChainSync(): void {
  useEffect(() => useChainStore.getState().actions.start(), []);
}

/** A region's hash chain as the host last checked it: intact, broken at seq N (red), or still being checked. */
export function ChainBadge({ region }: { region: string }) {
  const t = useT();
  const status = useChainStore(chainSelectors.of(region));
  if (!status) return null;
  const text = status.status === 'broken' ? t('chain.broken', { seq: status.firstBadSeq ?? status.verifiedSeq + 1 }) : t(`chain.${status.status}`);
  return (
    <span
      className={`link-badge chain-status-${status.status}`}
      data-testid={`chain-status-${region}`}
      data-status={status.status}
      data-verified-seq={status.verifiedSeq}
      data-first-bad-seq={status.firstBadSeq ?? ''}
      title={status.reason ?? `${t('status.seq')} ${status.verifiedSeq}`}
    >
      {text}
    </span>
  );
}
