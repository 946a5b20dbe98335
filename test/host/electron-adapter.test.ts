import { join } from 'node:path';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DisposableStore } from '../../src/shared/disposables';
import { channelNames } from '../../src/shared/contract';
import { denyAllPermissions, hardenWebContents } from '../../src/main/electron/harden';
import { isAppPage, registerIpcHandlers } from '../../src/main/electron/ipc-adapter';
import { loadWrappedKey } from '../../src/main/electron/safe-storage-key';
import { secureWindowOptions } from '../../src/main/electron/window-options';
import type { Dispatch } from '../../src/main/host/dispatcher';
import { useTempDir } from '../helpers/temp-dir';

/*
 * The Electron binary cannot run on this build machine, so these tests drive the adapter
 * through stand-ins with the shape of ipcMain, WebContents, Session and safeStorage.
 */
const APP_URL = 'file:///opt/inrs/resources/app.asar/out/renderer/index.html';
const tempDir = useTempDir();

describe('Electron adapter (stand-in Electron objects)', () => {
  it('registers one ipcMain handler per channel and passes the sending frame to the dispatcher', async () => {
    const registered = new Map<string, (event: unknown, request: unknown) => unknown>();
    const fakeIpc = {
      handle: (channel: string, fn: (event: unknown, request: unknown) => unknown) => void registered.set(channel, fn),
      removeHandler: (channel: string) => void registered.delete(channel),
    };
    const seen: unknown[] = [];
    const dispatch: Dispatch = async (channel, request, sender) => {
      seen.push({ channel, request, sender });
      return { ok: true, value: null };
    };
    const disposables = new DisposableStore();
    registerIpcHandlers(fakeIpc as never, dispatch, disposables);
    expect([...registered.keys()].sort()).toEqual([...channelNames].sort());

    const mainFrame = { url: APP_URL };
    await registered.get('replica:stats')!({ senderFrame: mainFrame, sender: { mainFrame } }, undefined);
    await registered.get('replica:stats')!({ senderFrame: { url: APP_URL }, sender: { mainFrame } }, undefined);
    expect(seen).toEqual([
      { channel: 'replica:stats', request: undefined, sender: { origin: APP_URL, topFrame: true } },
      { channel: 'replica:stats', request: undefined, sender: { origin: APP_URL, topFrame: false } },
    ]);
    await disposables.dispose();
    expect(registered.size).toBe(0);
  });

  it('trusts only the app page itself', () => {
    expect(isAppPage(APP_URL, APP_URL)).toBe(true);
    expect(isAppPage(`${APP_URL}?wall=national-overview#x`, APP_URL)).toBe(true);
    expect(isAppPage('file:///tmp/evil.html', APP_URL)).toBe(false);
    expect(isAppPage('https://example.com/', APP_URL)).toBe(false);
    expect(isAppPage('not a url', APP_URL)).toBe(false);
  });

  it('windows are isolated and sandboxed with only the preload', () => {
    const options = secureWindowOptions('/app/out/preload/index.cjs', false);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('blocks navigation, new windows and webviews; denies every permission', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }) => void>();
    let openHandler: (() => { action: string }) | undefined;
    hardenWebContents({
      on: ((name: string, fn: (event: { preventDefault(): void }) => void) => listeners.set(name, fn)) as never,
      setWindowOpenHandler: ((fn: () => { action: string }) => (openHandler = fn)) as never,
    });
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      listeners.get(name)!({ preventDefault: () => (prevented = true) });
      expect(prevented, name).toBe(true);
    }
    expect(openHandler?.()).toEqual({ action: 'deny' });

    let requestAnswer: boolean | undefined;
    let check: (() => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: ((fn: (c: unknown, p: string, cb: (ok: boolean) => void) => void) =>
        fn(null, 'media', (ok) => (requestAnswer = ok))) as never,
      setPermissionCheckHandler: ((fn: () => boolean) => (check = fn)) as never,
    });
    expect(requestAnswer).toBe(false);
    expect(check?.()).toBe(false);
  });

  it('wraps the replica key with safeStorage and refuses the plaintext keystore unless allowed', () => {
    const file = join(tempDir(), 'demo-replica.key.safe');
    const fake = (backend: string, available = true) => ({
      isEncryptionAvailable: () => available,
      encryptString: (s: string) => Buffer.from(`wrapped:${s}`),
      decryptString: (b: Buffer) => b.toString().replace(/^wrapped:/, ''),
      getSelectedStorageBackend: () => backend,
    });
    if (process.platform === 'linux') {
      expect(() => loadWrappedKey(fake('basic_text'), file, false)).toThrow(/--allow-insecure-keystore/);
    }
    expect(() => loadWrappedKey(fake('gnome_libsecret', false), file, false)).toThrow(/no OS keystore/);
    const key = loadWrappedKey(fake('gnome_libsecret'), file, false);
    expect(key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadWrappedKey(fake('gnome_libsecret'), file, false).equals(key)).toBe(true);
    expect(loadWrappedKey(fake('basic_text'), file, true).equals(key)).toBe(true);
  });
});
