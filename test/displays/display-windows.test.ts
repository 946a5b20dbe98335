import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKSTATION_LAYOUT, type Rect, type WorkstationLayout } from '../../src/shared/contract/display-schemas';
import { CrashReloadPolicy } from '../../src/main/displays/crash-reload';
import { createDisplayWindows, wallUrl, type ElectronDisplayLike, type ScreenLike, type WindowLike } from '../../src/main/electron/display-windows';
import { secureWindowOptions } from '../../src/main/electron/window-options';
import { HOST_WALLS } from '../../src/main/displays/wall-names';

/*
 * The Electron binary cannot run on this build machine: these tests drive the display
 * adapter through stand-ins with the shape of Electron's screen and BrowserWindow.
 */
const APP_URL = 'file:///opt/inrs/resources/app.asar/out/renderer/index.html';

class FakeScreen implements ScreenLike {
  displays: ElectronDisplayLike[] = [];
  primary = 1;
  private listeners = new Map<string, Set<() => void>>();
  getAllDisplays = () => this.displays;
  getPrimaryDisplay = () => ({ id: this.primary });
  on(event: string, fn: () => void) {
    (this.listeners.get(event) ?? this.listeners.set(event, new Set()).get(event)!).add(fn);
  }
  removeListener(event: string, fn: () => void) {
    this.listeners.get(event)?.delete(fn);
  }
  emit(event: string) {
    for (const fn of this.listeners.get(event) ?? []) fn();
  }
  listenerCount() {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
}

class FakeWindow implements WindowLike {
  urls: string[] = [];
  bounds: Rect;
  fullscreen: boolean;
  kiosk: boolean;
  menu = true;
  closed = false;
  shown = false;
  reloads = 0;
  private handlers = new Map<string, (...args: never[]) => void>();
  private contentsHandlers = new Map<string, (event: unknown, details: { reason: string }) => void>();
  constructor(readonly options: BrowserWindowConstructorOptions) {
    this.bounds = { x: options.x!, y: options.y!, width: options.width!, height: options.height! };
    this.fullscreen = options.fullscreen === true;
    this.kiosk = options.kiosk === true;
  }
  loadURL = async (url: string) => void this.urls.push(url);
  setBounds = (b: Partial<Rect>) => void (this.bounds = { ...this.bounds, ...b });
  setFullScreen = (f: boolean) => void (this.fullscreen = f);
  setKiosk = (k: boolean) => void (this.kiosk = k);
  removeMenu = () => void (this.menu = false);
  show = () => void (this.shown = true);
  close = () => {
    this.closed = true;
    this.handlers.get('closed')?.();
  };
  isDestroyed = () => this.closed;
  once = (event: string, fn: () => void) => void this.handlers.set(event, fn);
  on = (event: string, fn: () => void) => void this.handlers.set(event, fn);
  fire(event: string) {
    this.handlers.get(event)?.();
  }
  webContents = {
    on: (event: string, fn: (event: unknown, details: { reason: string }) => void) => void this.contentsHandlers.set(event, fn),
    reload: () => void (this.reloads += 1),
    isDestroyed: () => this.closed,
  };
  crash(reason = 'crashed') {
    this.contentsHandlers.get('render-process-gone')?.({}, { reason });
  }
  get wall() {
    return new URL(this.urls.at(-1)!).searchParams.get('wall');
  }
}

function rig(options: { layout?: WorkstationLayout; kiosk?: boolean } = {}) {
  const screen = new FakeScreen();
  const windows: FakeWindow[] = [];
  let stored = options.layout ?? DEFAULT_WORKSTATION_LAYOUT;
  const saves: WorkstationLayout[] = [];
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const log: string[] = [];
  let clock = 0;
  const adapter = createDisplayWindows({
    screen,
    createWindow: (o) => {
      const w = new FakeWindow(o);
      windows.push(w);
      return w;
    },
    baseOptions: secureWindowOptions('/app/out/preload/index.cjs', true),
    rendererUrl: APP_URL,
    walls: HOST_WALLS,
    loadLayout: () => stored,
    saveLayout: (l) => {
      stored = l;
      saves.push(l);
    },
    flags: { kiosk: options.kiosk ?? false },
    log: (l) => log.push(l),
    now: () => clock,
    setTimer: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return () => void (t.cancelled = true);
    },
  });
  const open = () => windows.filter((w) => !w.closed);
  return { screen, windows, open, adapter, saves, timers, log, advance: (ms: number) => (clock += ms), stored: () => stored };
}

const monitor = (id: number, x: number, label = ''): ElectronDisplayLike => ({
  id,
  label,
  bounds: { x, y: 0, width: 1920, height: 1080 },
  workArea: { x, y: 0, width: 1920, height: 1040 },
  scaleFactor: 1,
});

describe('display windows (stand-in Electron screen and windows)', () => {
  it('opens one secure window per display, each loading its wall, full screen on its display', () => {
    const r = rig();
    r.screen.displays = [monitor(1, 0), monitor(2, 1920), monitor(3, 3840)];
    r.adapter.start();
    expect(r.open().map((w) => [w.wall, w.bounds.x, w.fullscreen])).toEqual([
      ['national-overview', 0, true],
      ['region-focus', 1920, true],
      ['category-reserves', 3840, true],
    ]);
    const w = r.windows[0]!;
    expect(w.urls[0]).toBe(`${APP_URL}?wall=national-overview`);
    expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: true, preload: '/app/out/preload/index.cjs' });
    expect(w.kiosk).toBe(false);
    w.fire('ready-to-show');
    expect(w.shown).toBe(true);
    expect(r.saves).toHaveLength(1);
    expect(r.adapter.list().windows.map((x) => x.wall)).toEqual(['national-overview', 'region-focus', 'category-reserves']);
  });

  it('kiosk: kiosk and full-screen windows on every display, no menu, devtools off, ?kiosk=1', () => {
    const r = rig({ kiosk: true });
    r.screen.displays = [monitor(1, 0)];
    r.adapter.start();
    const w = r.open()[0]!;
    expect(w.options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true });
    expect(w.options.webPreferences?.devTools).toBe(false);
    expect(w.menu).toBe(false);
    expect(new URL(w.urls[0]!).searchParams.get('kiosk')).toBe('1');
    expect(r.adapter.kiosk()).toMatchObject({ enabled: true });
  });

  it('follows display-added, -removed and -metrics-changed; parked walls come back with their display', () => {
    const r = rig();
    r.screen.displays = [monitor(1, 0), monitor(2, 1920)];
    r.adapter.start();
    const [first, second] = r.open();

    r.screen.displays = [monitor(1, 0), monitor(2, 1920), monitor(3, 3840)];
    r.screen.emit('display-added');
    expect(r.open().map((w) => w.wall)).toEqual(['national-overview', 'region-focus', 'category-reserves']);
    expect(r.windows).toHaveLength(3);

    r.screen.displays = [monitor(1, 0), monitor(3, 3840)];
    r.screen.emit('display-removed');
    // The second display's key is now the third's (position order): the walls stay with the ranks.
    expect(r.open()).toHaveLength(2);
    expect(new Set(r.open().map((w) => w.bounds.x))).toEqual(new Set([0, 3840]));
    expect(r.adapter.list().parked).toHaveLength(1);
    expect(first!.closed).toBe(false);

    r.screen.displays = [{ ...monitor(1, 0), bounds: { x: 0, y: 0, width: 1920, height: 1080 } }, monitor(2, 1920), monitor(3, 3840)];
    r.screen.emit('display-metrics-changed');
    expect(r.open().map((w) => w.wall).sort()).toEqual(['category-reserves', 'national-overview', 'region-focus']);
    expect(r.adapter.list().parked).toEqual([]);
    expect(second).toBeDefined();
  });

  it('a window whose display went away moves with its wall to a free display instead of reloading', () => {
    const layout: WorkstationLayout = {
      ...DEFAULT_WORKSTATION_LAYOUT,
      assignments: [{ displayKey: 'desk|1920x1080|0', wall: null }, { displayKey: 'wall|1920x1080|0', wall: 'alerts-tasks' }],
    };
    const r = rig({ layout });
    r.screen.displays = [monitor(1, 0, 'desk'), monitor(2, 1920, 'wall')];
    r.adapter.start();
    expect(r.open().map((w) => [w.wall, w.bounds.x])).toEqual([['alerts-tasks', 1920]]);
    const w = r.open()[0]!;
    r.screen.displays = [monitor(1, 0, 'desk')];
    r.screen.emit('display-removed');
    expect(r.open()).toEqual([w]);
    expect(w.bounds.x).toBe(0);
    expect(w.urls).toHaveLength(1);
  });

  it('never drops to zero windows while re-planning: new windows open before old ones close', () => {
    const r = rig();
    r.screen.displays = [monitor(1, 0, 'A')];
    r.adapter.start();
    const before = r.open()[0]!;
    let openWhenClosed = -1;
    const close = before.close;
    before.close = () => {
      openWhenClosed = r.open().length;
      close();
    };
    r.screen.displays = [monitor(5, 0, 'B')];
    r.screen.primary = 5;
    r.screen.emit('display-removed');
    expect(openWhenClosed === -1 || openWhenClosed >= 2).toBe(true);
    expect(r.open()).toHaveLength(1);
  });

  it('setLayout saves the layout and moves walls at once', () => {
    const r = rig();
    r.screen.displays = [monitor(1, 0), monitor(2, 1920)];
    r.adapter.start();
    const keys = r.adapter.list().displays.map((d) => d.key);
    const result = r.adapter.setLayout({ ...r.stored(), assignments: [{ displayKey: keys[0]!, wall: 'traceability' }, { displayKey: keys[1]!, wall: 'alerts-tasks' }] });
    expect(r.open().map((w) => w.wall)).toEqual(['traceability', 'alerts-tasks']);
    expect(result.windows.map((w) => w.wall)).toEqual(['traceability', 'alerts-tasks']);
    expect(r.stored().assignments.map((a) => a.wall)).toEqual(['traceability', 'alerts-tasks']);
    expect(r.windows).toHaveLength(2);
  });

  it('reloads a crashed renderer with growing pauses, then gives up after too many crashes in a row', () => {
    const r = rig({ kiosk: true });
    r.screen.displays = [monitor(1, 0)];
    r.adapter.start();
    const w = r.open()[0]!;
    w.crash('clean-exit');
    expect(r.timers).toHaveLength(0);
    for (let i = 0; i < 5; i += 1) {
      w.crash('crashed');
      r.timers.at(-1)!.fn();
      r.advance(1000);
    }
    expect(r.timers.map((t) => t.ms)).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(w.reloads).toBe(5);
    w.crash('oom');
    expect(r.timers).toHaveLength(5);
    expect(r.log.at(-1)).toMatch(/too many crashes/);
  });

  it('a kiosk window closed from outside comes back; dispose stops following displays and pending reloads', () => {
    const r = rig({ kiosk: true });
    r.screen.displays = [monitor(1, 0)];
    r.adapter.start();
    r.open()[0]!.close();
    expect(r.open()).toHaveLength(1);
    expect(r.windows).toHaveLength(2);
    r.open()[0]!.crash('killed');
    r.adapter.dispose();
    expect(r.screen.listenerCount()).toBe(0);
    expect(r.timers.every((t) => t.cancelled)).toBe(true);
    r.open()[0]!.close();
    expect(r.open()).toHaveLength(0);
  });

  it('crash policy forgets crashes older than its window', () => {
    const policy = new CrashReloadPolicy({ maxReloads: 2, windowMs: 1000, baseDelayMs: 100, maxDelayMs: 150 });
    expect([policy.onCrash(0), policy.onCrash(10), policy.onCrash(20)]).toEqual([100, 150, null]);
    expect(policy.onCrash(1005)).toBe(150);
    expect(policy.onCrash(2100)).toBe(100);
  });

  it('wall URLs keep the page and set only wall and kiosk', () => {
    expect(wallUrl('http://localhost:5173/', 'alerts-tasks', true)).toBe('http://localhost:5173/?wall=alerts-tasks&kiosk=1');
    expect(wallUrl(`${APP_URL}?kiosk=1`, 'traceability', false)).toBe(`${APP_URL}?wall=traceability`);
  });
});
