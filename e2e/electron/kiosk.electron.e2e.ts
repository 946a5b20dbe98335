import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inrs, ROOT } from '../support/processes';

/**
 * The Electron shell itself (windows on every display, kiosk, crash reload), through
 * Playwright's `_electron`. Runs wherever the Electron binary is installed; elsewhere the
 * suite is reported as skipped with the reason in its name.
 */
function electronBinary(): { path: string | null; packaged: boolean; reason: string } {
  // The release workflow points this at the packaged app's executable (.github/workflows/release.yml).
  const packagedApp = process.env.INRS_ELECTRON_APP;
  if (packagedApp) {
    try {
      accessSync(packagedApp, constants.X_OK);
    } catch {
      return { path: null, packaged: true, reason: `packaged app ${packagedApp} (INRS_ELECTRON_APP) is missing or not executable` };
    }
    return { path: packagedApp, packaged: true, reason: '' };
  }
  let path: string;
  try {
    // The electron package exports the binary's path (honouring ELECTRON_OVERRIDE_DIST_PATH); it throws when never downloaded.
    path = createRequire(import.meta.url)('electron') as string;
  } catch (err) {
    return { path: null, packaged: false, reason: `no Electron binary installed (${(err as Error).message.split('\n')[0]})` };
  }
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return { path: null, packaged: false, reason: `Electron binary ${path} is missing or not executable` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { path: null, packaged: false, reason: 'no display server (DISPLAY) to open Electron windows on' };
  }
  return { path, packaged: false, reason: '' };
}

const binary = electronBinary();
if (!binary.path) console.log(`Electron kiosk suite skipped: ${binary.reason}`);

const PLAYLIST = ['national-overview', 'category-reserves', 'alerts-tasks'];

describe.skipIf(!binary.path)(`Electron kiosk windows${binary.path ? '' : ` (skipped: ${binary.reason})`}`, () => {
  let dir: string;
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-e2e-electron-'));
    const file = join(dir, 'replica.db');
    const keyFile = join(dir, 'replica.key');
    inrs(['seed', '--scale', 'tiny', '--out', file, '--key-file', keyFile]);
    app = await _electron.launch({
      executablePath: binary.path!,
      // A packaged app carries its own code; the development binary is given the checkout.
      args: [...(binary.packaged ? [] : [ROOT]), '--replica', file, '--key-file', keyFile, '--offline', '--kiosk', '--playlist', PLAYLIST.join(','), '--interval', '3'],
      // userData (and so the workstation layout) in the test's own folder.
      env: { ...process.env, XDG_CONFIG_HOME: dir },
      timeout: 120_000,
    });
    page = await app.firstWindow();
  });

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens one kiosk window per display: full screen, no menu, no devtools', async () => {
    await page.getByTestId('app-ready').waitFor({ timeout: 120_000 });
    await page.locator('html.kiosk-mode').waitFor({ state: 'attached' });
    const windows = await app.evaluate(({ BrowserWindow, screen }) => ({
      displays: screen.getAllDisplays().length,
      windows: BrowserWindow.getAllWindows().map((w) => ({
        kiosk: w.isKiosk(),
        fullScreen: w.isFullScreen(),
        menuBar: w.isMenuBarVisible(),
        devTools: w.webContents.isDevToolsOpened(),
        url: w.webContents.getURL(),
      })),
    }));
    expect(windows.windows).toHaveLength(windows.displays);
    for (const w of windows.windows) {
      expect(w).toMatchObject({ kiosk: true, menuBar: false, devTools: false });
      expect(new URL(w.url).searchParams.get('kiosk')).toBe('1');
    }
  });

  it('rotates the playlist in the window', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const wall = await page.getByTestId('wall').getAttribute('data-wall');
      seen.push(wall ?? '');
      await page.waitForFunction((before) => document.querySelector('[data-testid="wall"]')?.getAttribute('data-wall') !== before, wall, { timeout: 30_000 });
    }
    const start = PLAYLIST.indexOf(seen[0]!);
    expect(seen).toEqual(seen.map((_, i) => PLAYLIST[(start + i) % 3]));
  }, 120_000);

  it('reloads a crashed renderer', async () => {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
    await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
    await page.locator('html.kiosk-mode').waitFor({ state: 'attached' });
  }, 90_000);
});
