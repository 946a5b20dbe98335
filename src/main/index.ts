import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session } from 'electron';
import { electronBriefingDelivery } from './electron/briefing-save';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readKeyFile } from '../core/replica/key-file';
import { registerBasemapScheme, serveBasemapProtocol } from './basemap/basemap-protocol';
import { loadBasemap } from './basemap/load-basemap';
import { resourcesDir } from '../core/resources-dir';
import { DisposableStore } from '../shared/disposables';
import { forwardHostEvents, isAppPage, registerIpcHandlers } from './electron/ipc-adapter';
import { denyAllPermissions, hardenApp } from './electron/harden';
import { loadWrappedKey } from './electron/safe-storage-key';
import { secureWindowOptions } from './electron/window-options';
import { createDisplayWindows } from './electron/display-windows';
import { layoutFileIn, loadWorkstationLayout, saveWorkstationLayout } from './displays/layout-store';
import { parseKioskFlags, type KioskFlags } from './displays/kiosk-settings';
import { HOST_WALLS } from './displays/wall-names';
import { syncFromConfig } from './host/configured-sync';
import { startDemoNetwork } from './host/demo-network';
import { demoOfficerHint, OFFICER_DIR, prepareDemoOfficer, type DemoOfficer } from './host/demo-officer';
import { startHostRuntime } from './host/host-runtime';
import { ensureDemoReplica, type ReplicaTarget } from './host/prepare-replica';
import { progressLine } from './host/progress-line';
import { APP_VERSION } from './host/version';

/** The Electron shell: applies the app host to windows through IPC. All logic lives in the host. */
const log = (line: string) => process.stderr.write(`${line}\n`);
const disposables = new DisposableStore();

const { values } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: {
    replica: { type: 'string' },
    'key-file': { type: 'string' },
    'allow-insecure-keystore': { type: 'boolean', default: false },
    basemap: { type: 'string' },
    'sync-config': { type: 'string' },
    offline: { type: 'boolean', default: false },
    kiosk: { type: 'boolean', default: false },
    playlist: { type: 'string' },
    interval: { type: 'string' },
    'demo-officer': { type: 'boolean', default: false },
  },
  strict: false,
});
// The second officer keeps its own profile, replica and layout inside the demo's data dir;
// userData moves there before the app is ready, so Chromium's profile moves with it.
const demoDataDir = app.getPath('userData');
const demoOfficer = values['demo-officer'] === true;
if (demoOfficer) app.setPath('userData', join(demoDataDir, OFFICER_DIR));
const kioskFlags: KioskFlags = {
  kiosk: values.kiosk === true,
  playlist: typeof values.playlist === 'string' ? values.playlist : undefined,
  interval: typeof values.interval === 'string' ? values.interval : undefined,
};
registerBasemapScheme(protocol);

function rendererUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL;
  return dev ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
}

async function resolveTarget(): Promise<ReplicaTarget> {
  if (typeof values.replica === 'string') {
    if (typeof values['key-file'] !== 'string') throw new Error('--replica needs --key-file');
    return { file: values.replica, key: readKeyFile(values['key-file']), demo: false };
  }
  return ensureDemoReplica({
    dataDir: app.getPath('userData'),
    scale: 'demo',
    resolveKey: (keyFile) => loadWrappedKey(safeStorage, `${keyFile}.safe`, values['allow-insecure-keystore'] === true),
    onProgress: (done, total) => log(progressLine('seeding demo replica', done, total)),
  });
}

function prepareOfficer(): Promise<DemoOfficer> {
  if (values.replica !== undefined || values['sync-config'] !== undefined || values.offline === true) {
    throw new Error('--demo-officer joins the running demo; it takes no --replica, --sync-config or --offline');
  }
  return prepareDemoOfficer({
    dataDir: demoDataDir,
    resolveKey: (keyFile) => loadWrappedKey(safeStorage, `${keyFile}.safe`, values['allow-insecure-keystore'] === true),
    onProgress: (done, total) => log(progressLine("seeding the second officer's replica", done, total)),
    log,
  });
}

async function start(): Promise<void> {
  hardenApp(app);
  const basemapFile = typeof values.basemap === 'string' ? values.basemap : process.env.INRS_BASEMAP;
  const basemap = loadBasemap({ file: basemapFile, resourcesDir: resourcesDir() });
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  serveBasemapProtocol(protocol, basemap);
  const url = rendererUrl();
  parseKioskFlags(kioskFlags);
  const layoutFile = layoutFileIn(app.getPath('userData'));
  const displayWindows = createDisplayWindows({
    screen,
    createWindow: (options) => new BrowserWindow(options),
    baseOptions: secureWindowOptions(join(import.meta.dirname, '../preload/index.cjs')),
    rendererUrl: url,
    walls: HOST_WALLS,
    loadLayout: () => loadWorkstationLayout(layoutFile, log),
    saveLayout: (layout) => saveWorkstationLayout(layoutFile, layout),
    flags: kioskFlags,
    log,
  });
  disposables.add(() => displayWindows.dispose());
  // A kiosk shows no menu at all, not even the application menu's accelerators.
  if (displayWindows.kiosk()) Menu.setApplicationMenu(null);
  const officer = demoOfficer ? await prepareOfficer() : null;
  const target = officer?.target ?? (await resolveTarget());
  const runtime = await startHostRuntime({
    displays: displayWindows,
    target,
    host: 'electron',
    version: APP_VERSION,
    isTrustedSender: (sender) => isAppPage(sender.origin, url),
    delivery: electronBriefingDelivery({ dialog, window: () => BrowserWindow.getFocusedWindow(), defaultDir: () => app.getPath('documents') }),
    disposables,
    log,
  });
  if (officer) {
    runtime.startSync(officer.network);
    log(`Second officer: signed in as ${officer.identity.info.name} (${officer.identity.info.role ?? 'no role'}, region ${officer.identity.info.region ?? 'none'})`);
  } else if (values.offline !== true) {
    if (typeof values['sync-config'] === 'string') runtime.startSync(syncFromConfig(values['sync-config']));
    else if (target.demo && target.demoSeed) {
      runtime.startSync(await startDemoNetwork({ dataDir: app.getPath('userData'), seed: target.demoSeed, disposables, log }));
      log(demoOfficerHint(demoDataDir));
    }
  }
  registerIpcHandlers(ipcMain, runtime.dispatch, disposables);
  forwardHostEvents(runtime.events, () => BrowserWindow.getAllWindows().map((w) => w.webContents), disposables);
  // One window per display, each with its wall (src/main/displays/window-plan.ts).
  displayWindows.start();
  app.once('before-quit', () => displayWindows.dispose());
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (disposables.size === 0) return;
  event.preventDefault();
  void disposables.dispose().finally(() => app.exit(0));
});

start().catch((err: unknown) => {
  log(`INRS Command Center failed to start: ${(err as Error).message}`);
  app.exit(1);
});
