import { DEFAULT_WORKSTATION_LAYOUT, type DisplaysList, type KioskSettings, type WorkstationLayout } from '../../shared/contract/display-schemas';
import { effectiveKiosk, type KioskFlags } from './kiosk-settings';
import { loadWorkstationLayout, saveWorkstationLayout } from './layout-store';

/** What the contract's displays channels and app:info need from a host's displays. */
export interface DisplaysService {
  list(): DisplaysList;
  setLayout(layout: WorkstationLayout): DisplaysList;
  /** The kiosk settings in force, or undefined for a workstation. */
  kiosk(): KioskSettings | undefined;
}

/** The browser host's key for its one virtual display, the tab the page runs in. */
export const BROWSER_TAB_KEY = 'browser-tab';

/**
 * The browser host has no displays of its own: it lists one virtual display, the tab, and
 * keeps the layout (kiosk settings above all) in the data dir like the Electron shell does.
 * One wall per tab comes from `?wall=NAME`.
 */
export function createBrowserDisplays(options: { file: string; flags: KioskFlags; log: (line: string) => void }): DisplaysService {
  let layout = loadWorkstationLayout(options.file, options.log);
  const list = (): DisplaysList => ({
    host: 'browser',
    displays: [{ id: BROWSER_TAB_KEY, key: BROWSER_TAB_KEY, label: '', bounds: null, workArea: null, scaleFactor: 1, primary: true, virtual: true }],
    layout,
    windows: [],
    parked: [],
    kioskFlag: options.flags.kiosk,
  });
  return {
    list,
    setLayout: (next) => {
      saveWorkstationLayout(options.file, next);
      layout = next;
      return list();
    },
    kiosk: () => effectiveKiosk(layout, options.flags),
  };
}

/** In memory only: hosts started without a data dir of their own (tests). */
export function createMemoryDisplays(): DisplaysService {
  let layout: WorkstationLayout = DEFAULT_WORKSTATION_LAYOUT;
  const list = (): DisplaysList => ({ host: 'browser', displays: [], layout, windows: [], parked: [], kioskFlag: false });
  return {
    list,
    setLayout: (next) => {
      layout = next;
      return list();
    },
    kiosk: () => effectiveKiosk(layout, { kiosk: false }),
  };
}
