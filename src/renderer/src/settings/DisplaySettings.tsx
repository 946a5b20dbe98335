import { useEffect } from 'react';
import type { DisplayInfo, DisplaysList, WorkstationLayout } from '../../../shared/contract';
import { isMessageKey, useT, type Translate } from '../i18n';
import { WALL_CATALOGUE } from '../walls/catalogue';
import { assignedWall, kioskQuery } from './layout-draft';
import { settingsSelectors, useSettingsStore } from './settings-store';
import { TimeZoneSetting } from './TimeZoneSetting';
import './settings.css';

const wallTitle = (t: Translate, wall: string) => {
  const key = `wall.${wall}`;
  return isMessageKey(key) ? t(key) : wall;
};

function DisplayRow({ display, list, draft, t }: { display: DisplayInfo; list: DisplaysList; draft: WorkstationLayout; t: Translate }) {
  const { edit } = useSettingsStore(settingsSelectors.actions);
  const stored = assignedWall(draft, display.key);
  const open = list.windows.find((w) => w.displayKey === display.key);
  const value = stored === undefined ? (open?.wall ?? '') : (stored ?? '');
  return (
    <li className="settings-display" data-testid="settings-display" data-key={display.key} data-virtual={display.virtual}>
      <div className="settings-display-name">
        <strong>{display.virtual ? t('settings.display.tab') : display.label || display.id}</strong>
        {display.primary && !display.virtual && <span className="settings-tag">{t('settings.display.primary')}</span>}
        {display.bounds && (
          <span className="settings-dim">
            {t('settings.display.size', { width: display.bounds.width, height: display.bounds.height, scale: display.scaleFactor })}
          </span>
        )}
        {open && <span className="settings-dim">{t('settings.display.open', { wall: wallTitle(t, open.wall) })}</span>}
      </div>
      {!display.virtual && (
        <label className="settings-field">
          <span>{t('settings.display.wall')}</span>
          <select
            data-testid="settings-display-wall"
            value={value}
            onChange={(e) => edit({ type: 'assign', displayKey: display.key, wall: e.target.value === '' ? null : e.target.value })}
          >
            <option value="">{t('settings.display.none')}</option>
            {WALL_CATALOGUE.map((w) => (
              <option key={w.type} value={w.type}>
                {t(w.title)}
              </option>
            ))}
          </select>
        </label>
      )}
    </li>
  );
}

function KioskSection({ list, draft, t }: { list: DisplaysList; draft: WorkstationLayout; t: Translate }) {
  const { edit } = useSettingsStore(settingsSelectors.actions);
  const kiosk = draft.kiosk;
  return (
    <section className="settings-section" data-testid="settings-kiosk">
      <h3>{t('settings.kiosk')}</h3>
      <label className="settings-check">
        <input
          type="checkbox"
          data-testid="settings-kiosk-enabled"
          checked={kiosk.enabled || list.kioskFlag}
          disabled={list.kioskFlag}
          onChange={(e) => edit({ type: 'kiosk', patch: { enabled: e.target.checked } })}
        />
        {list.kioskFlag ? t('settings.kiosk.flag') : t('settings.kiosk.enabled')}
      </label>
      <h4>{t('settings.kiosk.playlist')}</h4>
      <ol className="settings-playlist" data-testid="settings-playlist">
        {kiosk.playlist.map((wall, i) => (
          <li key={`${wall}-${i}`} data-wall={wall}>
            <span>{wallTitle(t, wall)}</span>
            <button type="button" disabled={i === 0} onClick={() => edit({ type: 'playlist-up', index: i })}>
              {t('settings.kiosk.up')}
            </button>
            <button type="button" onClick={() => edit({ type: 'playlist-remove', index: i })}>
              {t('settings.kiosk.remove')}
            </button>
          </li>
        ))}
      </ol>
      <label className="settings-field">
        <span>{t('settings.kiosk.add')}</span>
        <select data-testid="settings-playlist-add" value="" onChange={(e) => e.target.value && edit({ type: 'playlist-add', wall: e.target.value })}>
          <option value="">—</option>
          {WALL_CATALOGUE.map((w) => (
            <option key={w.type} value={w.type}>
              {t(w.title)}
            </option>
          ))}
        </select>
      </label>
      <label className="settings-field">
        <span>{t('settings.kiosk.interval')}</span>
        <input
          type="number"
          min={2}
          max={3600}
          data-testid="settings-kiosk-interval"
          value={kiosk.intervalSeconds}
          onChange={(e) => {
            const seconds = Math.round(Number(e.target.value));
            if (seconds >= 2 && seconds <= 3600) edit({ type: 'kiosk', patch: { intervalSeconds: seconds } });
          }}
        />
      </label>
      {list.host === 'browser' && (
        <p className="settings-dim">
          {t('settings.kiosk.url')} <code>{kioskQuery(kiosk)}</code>
        </p>
      )}
    </section>
  );
}

/**
 * The workstation's displays and the wall each shows, and the kiosk playlist; saved to the
 * host (per machine). In a browser the only display is the tab: one wall per tab by address.
 */
export function DisplaySettings() {
  const t = useT();
  const open = useSettingsStore(settingsSelectors.open);
  const list = useSettingsStore(settingsSelectors.list);
  const draft = useSettingsStore(settingsSelectors.draft);
  const status = useSettingsStore(settingsSelectors.status);
  const error = useSettingsStore(settingsSelectors.error);
  const { hide, save } = useSettingsStore(settingsSelectors.actions);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') hide();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, hide]);

  if (!open) return null;
  return (
    <aside className="drawer settings-drawer" data-testid="settings" data-status={status} aria-label={t('settings.title')}>
      <header className="drawer-header">
        <h2>{t('settings.title')}</h2>
        <button type="button" data-testid="settings-close" onClick={hide}>
          {t('settings.close')}
        </button>
      </header>
      <div className="drawer-body">
        <TimeZoneSetting t={t} />
        {status === 'loading' && <p>{t('settings.loading')}</p>}
        {error && (
          <p className="settings-error" role="alert">
            {t('settings.failed', { message: error.message })}
          </p>
        )}
        {list && draft && (
          <>
            <section className="settings-section">
              <h3>{t('settings.displays')}</h3>
              <ul className="settings-displays" data-testid="settings-displays" data-host={list.host}>
                {list.displays.map((d) => (
                  <DisplayRow key={d.key} display={d} list={list} draft={draft} t={t} />
                ))}
              </ul>
              {list.parked.length > 0 && <p className="settings-dim">{t('settings.parked', { walls: list.parked.map((w) => wallTitle(t, w)).join('、') })}</p>}
              {list.host === 'browser' && (
                <div className="settings-dim" data-testid="settings-browser-note">
                  <p>{t('settings.browser.note')}</p>
                  <ul>
                    {WALL_CATALOGUE.map((w) => (
                      <li key={w.type}>
                        <code>&amp;wall={w.type}</code> — {t(w.title)}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </section>
            <KioskSection list={list} draft={draft} t={t} />
            <div className="settings-actions">
              <button type="button" data-testid="settings-save" disabled={status === 'saving'} onClick={() => void save()}>
                {t('settings.save')}
              </button>
              {status === 'saved' && <span data-testid="settings-saved">{t('settings.saved')}</span>}
            </div>
          </>
        )}
      </div>
    </aside>
  );
}

export function SettingsButton() {
  const t = useT();
  const { show } = useSettingsStore(settingsSelectors.actions);
  return (
    <button type="button" data-testid="settings-open" onClick={() => void show()}>
      {t('settings.open')}
    </button>
  );
}
