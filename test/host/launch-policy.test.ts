import { describe, expect, it } from 'vitest';
import { devtoolsAllowed, parseElectronArgs, rendererUrlFor } from '../../src/main/electron/launch-policy';
import { secureWindowOptions } from '../../src/main/electron/window-options';
import { windowOptionsFor } from '../../src/main/electron/display-windows';

/*
 * The Electron binary cannot run on this build machine: these tests use a stand-in for
 * Electron's app object (isPackaged, commandLine.hasSwitch), the only parts the policy reads.
 */
const BUILT = 'file:///opt/inrs/resources/app.asar/out/renderer/index.html';
const standInApp = (isPackaged: boolean, switches: string[] = []) => ({ isPackaged, commandLine: { hasSwitch: (s: string) => switches.includes(s) } });
const plan = { displayId: '1', wall: 'national-overview', displayKey: 'd', bounds: { x: 0, y: 0, width: 1600, height: 900 }, fullscreen: false, kiosk: false };

describe('Electron launch policy (stand-in Electron app object)', () => {
  it('loads the dev server URL only in development; a packaged app loads its own page', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://evil.example:5173/' };
    expect(rendererUrlFor(standInApp(false), env, BUILT)).toBe('http://evil.example:5173/');
    expect(rendererUrlFor(standInApp(true), env, BUILT)).toBe(BUILT);
    expect(rendererUrlFor(standInApp(false), {}, BUILT)).toBe(BUILT);
  });

  it('turns devtools off in packaged workstation windows unless --allow-devtools', () => {
    const packaged = parseElectronArgs(standInApp(true), ['/opt/inrs/inrs'], []);
    expect(devtoolsAllowed(standInApp(true), packaged)).toBe(false);
    expect(windowOptionsFor(secureWindowOptions('/p.cjs', devtoolsAllowed(standInApp(true), packaged)), plan).webPreferences?.devTools).toBe(false);
    const allowed = parseElectronArgs(standInApp(true), ['/opt/inrs/inrs', '--allow-devtools'], []);
    expect(windowOptionsFor(secureWindowOptions('/p.cjs', devtoolsAllowed(standInApp(true), allowed)), plan).webPreferences?.devTools).toBe(true);
    expect(windowOptionsFor(secureWindowOptions('/p.cjs', true), { ...plan, kiosk: true }).webPreferences?.devTools).toBe(false);
    expect(devtoolsAllowed(standInApp(false), packaged)).toBe(true);
  });

  it('refuses debugging switches in a packaged app, naming each, wherever they were passed', () => {
    expect(() => parseElectronArgs(standInApp(true), ['/opt/inrs/inrs', '--remote-debugging-port=9222'], [])).toThrow('refused: --remote-debugging-port');
    expect(() => parseElectronArgs(standInApp(true), ['/opt/inrs/inrs'], ['--inspect=9229'])).toThrow('refused: --inspect');
    expect(() => parseElectronArgs(standInApp(true, ['remote-debugging-pipe']), ['/opt/inrs/inrs'], [])).toThrow('refused: --remote-debugging-pipe');
  });

  it('accepts the documented options under Electron (packaged argv has no script, development argv has the app path)', () => {
    expect(parseElectronArgs(standInApp(true), ['/opt/inrs/inrs', '--data-dir', '/srv/inrs', '--demo-scale', 'tiny', '--port', '4871'], [])).toMatchObject({ dataDir: '/srv/inrs', demoScale: 'tiny', port: 4871 });
    expect(parseElectronArgs(standInApp(false), ['/usr/bin/electron', '/src/inrs', '--inspect', '--offline'], []).offline).toBe(true);
    expect(() => parseElectronArgs(standInApp(true), ['/opt/inrs/inrs', '--frobnicate'], [])).toThrow("Unknown option '--frobnicate'");
  });
});

describe('the release workflow end-to-end package (stand-in Electron app object)', () => {
  it('lets the debugging switches Playwright needs through only when built as the e2e package', () => {
    const playwright = ['/opt/inrs/inrs', '--inspect=0', '--remote-debugging-port=0', '--offline'];
    expect(() => parseElectronArgs(standInApp(true), playwright, [])).toThrow('refused: --inspect, --remote-debugging-port');
    expect(parseElectronArgs(standInApp(true), playwright, [], {}, true).offline).toBe(true);
  });
});
