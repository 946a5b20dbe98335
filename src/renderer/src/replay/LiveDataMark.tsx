import { useT } from '../i18n';
import type { PanelKind } from '../walls/layout';
import { followsReplay } from './panel-replay';
import { replaySelectors, useReplayStore } from './replay-store';

/** "实时数据 / live data" on something that shows current data while a past moment is replayed. */
export function LiveDataMark() {
  const t = useT();
  const at = useReplayStore(replaySelectors.at);
  if (at === null) return null;
  return (
    <span className="live-mark" data-testid="live-mark" title={t('replay.liveDataHint')}>
      {t('replay.liveData')}
    </span>
  );
}

/** The mark for a wall panel that does not follow the time slider; nothing for one that does. */
export function PanelReplayMark({ kind }: { kind: PanelKind }) {
  return followsReplay(kind) ? null : <LiveDataMark />;
}
