import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session } from 'electron';
import { electronBriefingDelivery } from './electron/briefing-save';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerBasemapScheme, serveBasemapProtocol } from './basemap/basemap-protocol';
import { loadBasemap } from './basemap/load-basemap';
import { resourcesDir } from '../core/resources-dir';
import { DisposableStore } from '../shared/disposables';
import { forwardHostEvents, isAppPage, registerIpcHandlers } from './electron/ipc-adapter';
import { denyAllPermissions, hardenApp } from './electron/harden';
import { devtoolsAllowed, parseElectronArgs, rendererUrlFor } from './electron/launch-policy';
import { loadWrappedKey } from './electron/safe-storage-key';
import { wrappedPassphraseReader } from './electron/safe-storage-passphrase';
import { secureWindowOptions } from './electron/window-options';
import { createDisplayWindows, type DisplayWindows } from './electron/display-windows';
import { layoutFileIn, loadWorkstationLayout, saveWorkstationLayout } from './displays/layout-store';
import { HOST_WALLS } from './displays/wall-names';
import { composeHost, profileDirOf } from './host/compose-host';
import { defaultDataDir } from './host/data-dir';
import type { HostArgs } from './host/host-args';
import { lockHostDataDir } from './host/data-dir-lock';

/** The Electron shell: applies the app host to windows through IPC. All logic lives in the host (src/main/host/compose-host.ts). */
const log = (line: string) => process.stderr.write(`${line}\n`);
/** True only in the release workflow's end-to-end package (electron.vite.config.ts). */
declare const __INRS_E2E_BUILD__: boolean | undefined;
const disposables = new DisposableStore();

function parseOrExit(): HostArgs {
  try {
    return parseElectronArgs(app, process.argv, process.execArgv, process.env, typeof __INRS_E2E_BUILD__ === 'boolean' && __INRS_E2E_BUILD__);
  } catch (err) {
    log(`INRS Command Center refused to start: ${(err as Error).message}`);
    // Before the app is ready: end here, synchronously, with nothing opened.
    process.exit(2);
  }
}

const args = parseOrExit();
const dataDir = args.dataDir ?? defaultDataDir();
// userData (Chromium's profile) moves to this workstation's folder before the app is ready.
app.setPath('userData', profileDirOf(args, dataDir));
registerBasemapScheme(protocol);

async function start(): Promise<void> {
  hardenApp(app);
  const basemap = loadBasemap({ file: args.basemap ?? process.env.INRS_BASEMAP, resourcesDir: resourcesDir() });
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  serveBasemapProtocol(protocol, basemap);
  const url = rendererUrlFor(app, process.env, pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href);
  lockHostDataDir({ replica: args.replica, dataDir, officer: args.demoOfficer }, disposables, log);
  let displayWindows: DisplayWindows | null = null;
  const { runtime, notice } = await composeHost(args, {
    host: 'electron',
    dataDir,
    resolveKey: (keyFile) => loadWrappedKey(safeStorage, `${keyFile}.safe`, args.allowInsecureKeystore),
    readPassphrase: wrappedPassphraseReader(safeStorage, args.allowInsecureKeystore, log),
    displays: (profileDir) => {
      const layoutFile = layoutFileIn(profileDir);
      displayWindows = createDisplayWindows({
        screen,
        createWindow: (options) => new BrowserWindow(options),
        baseOptions: secureWindowOptions(join(import.meta.dirname, '../preload/index.cjs'), devtoolsAllowed(app, args)),
        rendererUrl: url,
        walls: HOST_WALLS,
        loadLayout: () => loadWorkstationLayout(layoutFile, log),
        saveLayout: (layout) => saveWorkstationLayout(layoutFile, layout),
        flags: args.kiosk,
        log,
      });
      return displayWindows;
    },
    isTrustedSender: (sender) => isAppPage(sender.origin, url),
    delivery: electronBriefingDelivery({ dialog, window: () => BrowserWindow.getFocusedWindow(), defaultDir: () => app.getPath('documents') }),
    disposables,
    log,
  });
  for (const line of notice) log(line);
  const windows = displayWindows as DisplayWindows | null;
  if (!windows) throw new Error('the host composed no displays');
  disposables.add(() => windows.dispose());
  // A kiosk shows no menu at all, not even the application menu's accelerators.
  if (windows.kiosk()) Menu.setApplicationMenu(null);
  registerIpcHandlers(ipcMain, runtime.dispatch, disposables);
  forwardHostEvents(runtime.events, () => BrowserWindow.getAllWindows().map((w) => w.webContents), disposables);
  // One window per display, each with its wall (src/main/displays/window-plan.ts).
  windows.start();
  app.once('before-quit', () => windows.dispose());
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
