import type { BrowserWindowConstructorOptions } from 'electron';
import type { DisplayInfo, DisplaysList, PlannedWindow, Rect, WorkstationLayout } from '../../shared/contract/display-schemas';
import { CrashReloadPolicy } from '../displays/crash-reload';
import { displayKeys, type DisplayDesc } from '../displays/display-key';
import type { DisplaysService } from '../displays/displays-service';
import { effectiveKiosk, type KioskFlags } from '../displays/kiosk-settings';
import { planWindows } from '../displays/window-plan';

/** What the adapter reads of Electron's `screen` (a stand-in in unit tests). */
export interface ScreenLike {
  getAllDisplays(): ElectronDisplayLike[];
  getPrimaryDisplay(): { id: number };
  on(event: 'display-added' | 'display-removed' | 'display-metrics-changed', listener: () => void): unknown;
  removeListener(event: 'display-added' | 'display-removed' | 'display-metrics-changed', listener: () => void): unknown;
}

export interface ElectronDisplayLike {
  id: number;
  label?: string;
  bounds: Rect;
  workArea: Rect;
  scaleFactor: number;
}

/** What the adapter does with a BrowserWindow (a stand-in in unit tests). */
export interface WindowLike {
  loadURL(url: string): Promise<void>;
  setBounds(bounds: Partial<Rect>): void;
  setFullScreen(flag: boolean): void;
  setKiosk(flag: boolean): void;
  removeMenu(): void;
  show(): void;
  close(): void;
  isDestroyed(): boolean;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  webContents: {
    on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode?: number }) => void): unknown;
    reload(): void;
    isDestroyed(): boolean;
  };
}

export interface DisplayWindowsOptions {
  screen: ScreenLike;
  createWindow(options: BrowserWindowConstructorOptions): WindowLike;
  /** Options every app window starts from (isolation, sandbox, preload). */
  baseOptions: BrowserWindowConstructorOptions;
  /** The renderer page; each window adds `?wall=NAME` (and `kiosk=1`). */
  rendererUrl: string;
  walls: readonly string[];
  loadLayout(): WorkstationLayout;
  saveLayout(layout: WorkstationLayout): void;
  flags: KioskFlags;
  log(line: string): void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => () => void;
}

export interface DisplayWindows extends DisplaysService {
  /** Opens the windows of the plan and follows display changes. */
  start(): void;
  /** Re-reads the displays and brings the windows in line with the plan. */
  apply(): void;
  dispose(): void;
}

interface OpenWindow {
  window: WindowLike;
  /** Where the window is and what it shows, as last applied. */
  plan: PlannedWindow;
}

export function wallUrl(rendererUrl: string, wall: string, kiosk: boolean): string {
  const url = new URL(rendererUrl);
  url.searchParams.set('wall', wall);
  if (kiosk) url.searchParams.set('kiosk', '1');
  else url.searchParams.delete('kiosk');
  return url.toString();
}

/** A kiosk window: full screen, no menu, no devtools; a workstation window has devtools where the base options allow them. */
export function windowOptionsFor(base: BrowserWindowConstructorOptions, plan: PlannedWindow): BrowserWindowConstructorOptions {
  return {
    ...base,
    ...plan.bounds,
    fullscreen: plan.fullscreen,
    kiosk: plan.kiosk,
    autoHideMenuBar: true,
    webPreferences: { ...base.webPreferences, devTools: plan.kiosk ? false : base.webPreferences?.devTools === true },
  };
}

/**
 * Applies the window plan to Electron: one window per display with its wall, moved, opened
 * or closed as displays come and go; a window whose renderer dies is reloaded with backoff.
 * All decisions are the plan's (src/main/displays/window-plan.ts); this only carries them out.
 */
export function createDisplayWindows(options: DisplayWindowsOptions): DisplayWindows {
  const now = options.now ?? Date.now;
  const setTimer =
    options.setTimer ??
    ((fn, ms) => {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    });
  let layout = options.loadLayout();
  let open: OpenWindow[] = [];
  let parked: string[] = [];
  let started = false;
  let disposed = false;
  const timers = new Set<() => void>();
  const kioskOn = () => effectiveKiosk(layout, options.flags) !== undefined;

  const readDisplays = (): DisplayDesc[] => {
    const primary = options.screen.getPrimaryDisplay().id;
    return options.screen.getAllDisplays().map((d) => ({
      id: String(d.id),
      label: d.label ?? '',
      bounds: d.bounds,
      workArea: d.workArea,
      scaleFactor: d.scaleFactor,
      primary: d.id === primary,
    }));
  };

  const watchCrashes = (entry: OpenWindow) => {
    const policy = new CrashReloadPolicy();
    entry.window.webContents.on('render-process-gone', (_event, details) => {
      if (disposed || details.reason === 'clean-exit') return;
      const delay = policy.onCrash(now());
      if (delay === null) {
        options.log(`wall ${entry.plan.wall}: renderer gone again (${details.reason}); too many crashes in a row, not reloading`);
        return;
      }
      options.log(`wall ${entry.plan.wall}: renderer gone (${details.reason}); reloading in ${delay} ms`);
      const cancel = setTimer(() => {
        timers.delete(cancel);
        if (!disposed && !entry.window.isDestroyed() && !entry.window.webContents.isDestroyed()) entry.window.webContents.reload();
      }, delay);
      timers.add(cancel);
    });
  };

  const openWindow = (plan: PlannedWindow): OpenWindow => {
    const window = options.createWindow(windowOptionsFor(options.baseOptions, plan));
    const entry: OpenWindow = { window, plan };
    if (plan.kiosk) window.removeMenu();
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      open = open.filter((o) => o !== entry);
      // A kiosk never stops: a window closed from outside comes back.
      if (!disposed && kioskOn()) apply();
    });
    watchCrashes(entry);
    void window.loadURL(wallUrl(options.rendererUrl, plan.wall, plan.kiosk)).catch((err: unknown) => options.log(`wall ${plan.wall}: page failed to load: ${(err as Error).message}`));
    return entry;
  };

  const place = (entry: OpenWindow, plan: PlannedWindow) => {
    const w = entry.window;
    if (JSON.stringify(entry.plan) === JSON.stringify(plan)) return;
    // Leave full screen before moving, or the window stays on its old display.
    w.setKiosk(false);
    w.setFullScreen(false);
    w.setBounds(plan.bounds);
    if (plan.fullscreen) w.setFullScreen(true);
    if (plan.kiosk) w.setKiosk(true);
    if (entry.plan.wall !== plan.wall || entry.plan.kiosk !== plan.kiosk) {
      void w.loadURL(wallUrl(options.rendererUrl, plan.wall, plan.kiosk)).catch((err: unknown) => options.log(`wall ${plan.wall}: page failed to load: ${(err as Error).message}`));
    }
    entry.plan = plan;
  };

  function apply(): void {
    if (disposed || !started) return;
    const plan = planWindows(readDisplays(), layout, { walls: options.walls, kiosk: kioskOn() });
    if (plan.layout !== layout) {
      layout = plan.layout;
      try {
        options.saveLayout(layout);
      } catch (err) {
        options.log(`workstation layout could not be saved: ${(err as Error).message}`);
      }
    }
    parked = plan.parked;
    const live = open.filter((o) => !o.window.isDestroyed());
    const keep: OpenWindow[] = [];
    const unplaced: PlannedWindow[] = [];
    for (const p of plan.windows) {
      const same = live.find((o) => o.plan.displayKey === p.displayKey && !keep.includes(o));
      if (same) {
        place(same, p);
        keep.push(same);
      } else unplaced.push(p);
    }
    const created: OpenWindow[] = [];
    for (const p of unplaced) {
      // A window whose display went away moves to where its wall goes now, without a reload.
      const moving = live.find((o) => !keep.includes(o) && o.plan.wall === p.wall);
      if (moving) {
        place(moving, p);
        keep.push(moving);
      } else created.push(openWindow(p));
    }
    // New windows first, then the closes: the app never drops to zero windows (and quits).
    const closing = live.filter((o) => !keep.includes(o));
    open = [...keep, ...created];
    for (const o of closing) o.window.close();
  }

  const onChange = () => apply();
  const events = ['display-added', 'display-removed', 'display-metrics-changed'] as const;

  const list = (): DisplaysList => {
    const displays = readDisplays();
    const keys = displayKeys(displays);
    const infos: DisplayInfo[] = displays.map((d) => ({ ...d, key: keys.get(d.id)!, virtual: false }));
    const windows = open.filter((o) => !o.window.isDestroyed()).map((o) => o.plan);
    return { host: 'electron', displays: infos, layout, windows, parked, kioskFlag: options.flags.kiosk };
  };

  return {
    start() {
      if (started) return;
      started = true;
      for (const e of events) options.screen.on(e, onChange);
      apply();
    },
    apply,
    list,
    setLayout(next) {
      options.saveLayout(next);
      layout = next;
      apply();
      return list();
    },
    kiosk: () => effectiveKiosk(layout, options.flags),
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const e of events) options.screen.removeListener(e, onChange);
      for (const cancel of timers) cancel();
      timers.clear();
    },
  };
}
