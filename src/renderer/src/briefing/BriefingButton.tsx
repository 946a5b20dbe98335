import { useEffect, useState } from 'react';
import { PROVINCES } from '../../../shared/domain/provinces';
import { useFilterStore } from '../filters/filter-store';
import { useT } from '../i18n';
import { zoneInputToIso } from '../format/time';
import { useTimeFormat } from '../format/time-zone-store';
import { briefingSelectors, useBriefingStore } from './briefing-store';
import './briefing.css';

/** Seconds since `since`, ticking while a briefing is being made. */
function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000));
}

function BriefingPanel() {
  const t = useT();
  const { hide, run, deliver } = useBriefingStore(briefingSelectors.actions);
  const delivered = useBriefingStore((s) => s.delivered);
  const deliverError = useBriefingStore((s) => s.deliverError);
  const status = useBriefingStore((s) => s.status);
  const result = useBriefingStore((s) => s.result);
  const error = useBriefingStore((s) => s.error);
  const startedAt = useBriefingStore((s) => s.startedAt);
  const regions = useFilterStore((s) => s.filter.regions);
  const region = regions.length === 1 ? regions[0] : undefined;
  const regionName = PROVINCES.find((p) => p.adcode === region)?.nameZh ?? region;
  const [past, setPast] = useState(false);
  const [at, setAt] = useState('');
  const elapsed = useElapsed(status === 'running' ? startedAt : null);
  // The briefing is written in Beijing time, so the moment asked for is typed in it too.
  const atIso = past ? zoneInputToIso(at, 'Asia/Shanghai') : null;
  const formatTime = useTimeFormat();

  return (
    <div className="briefing-panel" role="dialog" aria-label={t('briefing.title')} data-testid="briefing-panel">
      <div className="briefing-head">
        <h2>{t('briefing.title')}</h2>
        <button type="button" onClick={hide} data-testid="briefing-close">
          {t('briefing.close')}
        </button>
      </div>
      <p className="briefing-line">
        <span className="briefing-label">{t('briefing.scope')}</span>
        <span data-testid="briefing-scope">{region ? t('briefing.scope.region', { name: regionName ?? region }) : t('briefing.scope.national')}</span>
      </p>
      <fieldset className="briefing-at">
        <legend>{t('briefing.at')}</legend>
        <label>
          <input type="radio" name="briefing-at" checked={!past} onChange={() => setPast(false)} />
          {t('briefing.at.now')}
        </label>
        <label>
          <input type="radio" name="briefing-at" checked={past} onChange={() => setPast(true)} data-testid="briefing-at-past" />
          {t('briefing.at.past')}
        </label>
        {past && <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} data-testid="briefing-at-input" />}
      </fieldset>
      <button
        type="button"
        className="briefing-go"
        data-testid="briefing-export"
        disabled={status === 'running' || (past && atIso === null)}
        onClick={() => void run({ ...(region ? { region } : {}), ...(atIso ? { at: atIso } : {}) })}
      >
        {t('briefing.export')}
      </button>
      {status === 'running' && (
        <p className="briefing-status" data-testid="briefing-running" aria-live="polite">
          <progress />
          {t('briefing.running', { seconds: elapsed })}
        </p>
      )}
      {status === 'done' && result && (
        <div className="briefing-result" data-testid="briefing-result" aria-live="polite">
          <p>{t('briefing.done', { pages: result.pages, asOf: result.asOf ? formatTime(result.asOf) : '—' })}</p>
          <p className="briefing-label">{t('briefing.path')}</p>
          <code className="briefing-path" data-testid="briefing-path">
            {result.file}
          </code>
          {delivered?.kind === 'download' && <p data-testid="briefing-downloaded">{t('briefing.downloaded', { name: delivered.name })}</p>}
          {delivered?.kind === 'saved' && <p data-testid="briefing-saved">{t('briefing.saved', { file: delivered.file })}</p>}
          {delivered?.kind === 'cancelled' && <p>{t('briefing.cancelled')}</p>}
          {deliverError && (
            <p className="briefing-error" role="alert" data-testid="briefing-deliver-error">
              {t('briefing.deliverFailed', { message: deliverError.message })}
            </p>
          )}
          <button type="button" data-testid="briefing-download" onClick={() => void deliver()}>
            {t('briefing.download')}
          </button>
        </div>
      )}
      {status === 'failed' && error && (
        <p className="briefing-error" role="alert" data-testid="briefing-error">
          {t('briefing.failed', { message: error.message })}
        </p>
      )}
      <p className="briefing-hint">{t('briefing.hint')}</p>
    </div>
  );
}

/** The header's "export briefing" button and its panel. */
export function BriefingButton() {
  const t = useT();
  const { show, hide } = useBriefingStore(briefingSelectors.actions);
  const open = useBriefingStore((s) => s.open);
  return (
    <>
      <button type="button" data-testid="briefing-open" aria-expanded={open} onClick={open ? hide : show}>
        {t('briefing.open')}
      </button>
      {open && <BriefingPanel />}
    </>
  );
}
