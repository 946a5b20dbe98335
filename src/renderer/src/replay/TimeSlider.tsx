import { useEffect, useRef, useState } from 'react';
import { useTimeFormat } from '../format/time-zone-store';
import { useT } from '../i18n';
import { situationSelectors, useSituationStore } from '../stores/situation-store';
import { HOUR, SPEEDS, spanOf, type SpeedId } from './replay-logic';
import { replaySelectors, useReplayStore } from './replay-store';
import './replay.css';

/** Time between steps while playing; a step waits for the previous moment to be on screen. */
const TICK_MS = 1000;
/** Dragging settles on a moment this long after the last move before it is asked for. */
const SETTLE_MS = 150;

/** Follows the replayable range (again when the replica changes, while the index builds) and drives playing. */
function useReplayDriver(seeking: boolean): void {
  const { loadRange, tick } = useReplayStore(replaySelectors.actions);
  const playing = useReplayStore(replaySelectors.playing);
  const range = useReplayStore(replaySelectors.range);
  const dataVersion = useSituationStore((s) => (s.loadedAt === null ? s.situation?.dataVersion : undefined));

  useEffect(() => {
    void loadRange();
  }, [loadRange, dataVersion]);

  // While the index is first built, or a seek waits for it, ask again until it is ready.
  useEffect(() => {
    if (!range || (range.index.ready && !(seeking && !range.index.complete))) return;
    const timer = setTimeout(() => void loadRange(), 2000);
    return () => clearTimeout(timer);
  }, [range, loadRange, seeking]);

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    const timer = setInterval(() => {
      if (useSituationStore.getState().loading) return;
      const now = performance.now();
      tick(now - last);
      last = now;
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, tick]);
}

/** "回放 / replay T" over every wall while a past moment is shown, with a frame so no wall passes for live. */
export function ReplayMarker() {
  const shortTime = useTimeFormat();
  const t = useT();
  const at = useReplayStore(replaySelectors.at);
  const loadedAt = useSituationStore(situationSelectors.loadedAt);
  const { live } = useReplayStore(replaySelectors.actions);
  if (at === null) return null;
  return (
    <>
      <div className="replay-frame" aria-hidden="true" />
      <div className="replay-marker" role="status" data-testid="replay-marker" data-at={at} data-loaded-at={loadedAt ?? ''} title={t('replay.markerHint')}>
        {t('replay.marker', { time: shortTime(at) })}
        <button type="button" className="replay-marker-live" data-testid="replay-marker-live" onClick={live}>
          {t('replay.backToLive')}
        </button>
      </div>
    </>
  );
}

/** "Seeking T… 3 s" (with the index build's progress when the seek waits for it) and a cancel button. */
function SeekProgress({ at, indexing, onCancel }: { at: string; indexing: number | null; onCancel: () => void }) {
  const t = useT();
  const shortTime = useTimeFormat();
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.floor((now - started) / 1000);
  return (
    <span className="replay-note replay-seeking" role="status" data-testid="replay-seeking" data-at={at}>
      {indexing === null ? t('replay.seeking', { time: shortTime(at), seconds }) : t('replay.seekingIndex', { time: shortTime(at), percent: indexing })}
      <button type="button" className="replay-button" data-testid="replay-cancel" onClick={onCancel}>
        {t('replay.cancel')}
      </button>
    </span>
  );
}

/** The time slider: range, current moment, play/pause, speed, back to live. */
export function TimeSlider() {
  const shortTime = useTimeFormat();
  const t = useT();
  const range = useReplayStore(replaySelectors.range);
  const built = useReplayStore(replaySelectors.built);
  const at = useReplayStore(replaySelectors.at);
  const loadedAt = useSituationStore(situationSelectors.loadedAt);
  const seekError = useSituationStore(situationSelectors.error);
  // A seek is under way while the moment asked for is not the one on screen.
  const seeking = at !== null && at !== loadedAt && seekError === null;
  useReplayDriver(seeking);
  const playing = useReplayStore(replaySelectors.playing);
  const speed = useReplayStore(replaySelectors.speed);
  const error = useReplayStore(replaySelectors.error);
  const { seek, live, play, pause, setSpeed, cancelSeek } = useReplayStore(replaySelectors.actions);
  const [dragging, setDragging] = useState<number | null>(null);
  const settle = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (settle.current && clearTimeout(settle.current)), []);

  const span = spanOf(range);
  // Only the first build is shown: live events indexed later never take the slider away.
  const building = range && !built && !range.index.ready;
  const percent = range ? Math.floor((100 * range.index.indexed) / Math.max(1, range.index.total)) : 0;
  const value = dragging ?? (at ? Date.parse(at) : (span?.to ?? 0));

  const onSlide = (ms: number) => {
    setDragging(ms);
    if (settle.current) clearTimeout(settle.current);
    settle.current = setTimeout(() => {
      seek(ms);
      setDragging(null);
    }, SETTLE_MS);
  };

  return (
    <div className={`replay-bar${at ? ' replay-bar-active' : ''}`} data-testid="replay-bar" aria-label={t('replay.bar')}>
      <span className="replay-title">{t('replay.bar')}</span>
      {error && <span className="replay-note replay-error">{t('replay.unavailable', { message: error.message })}</span>}
      {building && (
        <span className="replay-note" data-testid="replay-building">
          {t('replay.building', { percent })}
        </span>
      )}
      {seeking && <SeekProgress at={at} indexing={range && !range.index.ready ? percent : null} onCancel={() => cancelSeek(loadedAt)} />}
      {at !== null && seekError && (
        <span className="replay-note replay-error" data-testid="replay-seek-error">
          {t('replay.seekFailed', { message: seekError.message })}
        </span>
      )}
      {!building && !span && !error && <span className="replay-note">{t('replay.empty')}</span>}
      {span && (
        <>
          <button type="button" className="replay-button" data-testid="replay-back" title={t('replay.stepBack')} onClick={() => seek(value - HOUR)}>
            ◀
          </button>
          {playing ? (
            <button type="button" className="replay-button" data-testid="replay-pause" onClick={pause}>
              ❚❚ {t('replay.pause')}
            </button>
          ) : (
            <button type="button" className="replay-button" data-testid="replay-play" onClick={play} disabled={at !== null && Date.parse(at) >= span.to}>
              ▶ {t('replay.play')}
            </button>
          )}
          <button type="button" className="replay-button" data-testid="replay-forward" title={t('replay.stepForward')} onClick={() => seek(value + HOUR)}>
            ▶
          </button>
          <input
            type="range"
            className="replay-slider"
            data-testid="replay-slider"
            aria-label={t('replay.slider')}
            min={span.from}
            max={span.to}
            step={1000}
            value={Math.min(span.to, Math.max(span.from, value))}
            onChange={(e) => onSlide(Number(e.currentTarget.value))}
          />
          <span className="replay-at" data-testid="replay-at" data-value={at ?? ''} title={t('replay.range', { from: shortTime(range?.from ?? ''), to: shortTime(range?.to ?? '') })}>
            {at ? shortTime(at) : t('replay.live')}
          </span>
          <label className="replay-speed">
            <span className="status-label">{t('replay.speed')}</span>
            <select data-testid="replay-speed" value={speed} onChange={(e) => setSpeed(e.currentTarget.value as SpeedId)}>
              {SPEEDS.map((s) => (
                <option key={s.id} value={s.id}>
                  {t(`replay.speed.${s.id}`)}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {/* Always there while a past moment is asked for, whatever else the bar shows. */}
      <button type="button" className="replay-button replay-live" data-testid="replay-live" onClick={live} disabled={at === null}>
        {t('replay.backToLive')}
      </button>
    </div>
  );
}
