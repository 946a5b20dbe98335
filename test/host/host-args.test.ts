import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src/main/host/data-dir';
import { parseHostArgs } from '../../src/main/host/host-args';

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseHostArgs(argv, { allowDebugSwitches: false, env });

describe('parseHostArgs: one parser for the Electron shell and the browser host', () => {
  it.each([
    [[], { demoScale: 'demo', offline: false, demoOfficer: false, allowDevtools: false, allowInsecureKeystore: false }],
    [['--data-dir', '/srv/inrs', '--demo-scale', 'tiny', '--port', '0'], { dataDir: '/srv/inrs', demoScale: 'tiny', port: 0 }],
    [['--replica', '/r.db', '--key-file', '/r.key', '--offline'], { replica: '/r.db', keyFile: '/r.key', offline: true }],
    [['--kiosk', '--playlist', 'national-overview,emergency-operations', '--interval', '20'], { kiosk: { kiosk: true, playlist: 'national-overview,emergency-operations', interval: '20' } }],
    [['--sync-config', '/etc/inrs/sync.json', '--basemap', '/m.pmtiles'], { syncConfig: '/etc/inrs/sync.json', basemap: '/m.pmtiles' }],
    [['--demo-officer', '--allow-devtools', '--allow-insecure-keystore'], { demoOfficer: true, allowDevtools: true, allowInsecureKeystore: true }],
    [['--port=4871', '--renderer-dir=/x'], { port: 4871, rendererDir: '/x' }],
    [['--contributor', '/c.p12', '--contributor-server', 'wss://10.1.1.5:7443'], { contributor: { identity: '/c.p12', server: 'wss://10.1.1.5:7443' } }],
  ])('accepts %j', (argv, expected) => {
    expect(parse(argv)).toMatchObject(expected);
  });

  it('takes the demo scale from INRS_DEMO_SCALE when no flag names one', () => {
    expect(parse([], { INRS_DEMO_SCALE: 'tiny' }).demoScale).toBe('tiny');
    expect(parse(['--demo-scale', 'national'], { INRS_DEMO_SCALE: 'tiny' }).demoScale).toBe('national');
  });

  it.each([
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    [['--no-sandbox'], "Unknown option '--no-sandbox'"],
    [['stray'], "Unexpected argument 'stray'"],
    [['--demo-scale', 'huge'], '--demo-scale: unknown demo scale huge'],
    [['--replica', '/r.db'], '--replica needs --key-file'],
    [['--key-file', '/r.key'], '--key-file goes with --replica'],
    [['--demo-officer', '--offline'], '--demo-officer joins the running demo'],
    [['--port', '80a'], '--port: 80a is not a port number'],
    [['--contributor', '/c.p12'], '--contributor FILE.p12 and --contributor-server wss://HOST:PORT go together'],
    [['--contributor', '/c.p12', '--contributor-server', 'https://x'], '--contributor-server must be a wss:// address, not https://x'],
    [['--contributor', '/c.p12', '--contributor-server', 'wss://x:1', '--sync-config', '/s.json', '--offline'], 'it takes no --sync-config, --offline'],
    [['--port', '70000'], '--port: 70000 is not a port number'],
    [['--data-dir='], '--data-dir needs a value'],
    [['--playlist', 'Not_A_Wall'], '--playlist: not a wall name: Not_A_Wall'],
    [['--interval', '1'], '--interval: 1 is not a whole number'],
    [['--remote-debugging-port=9222'], 'refused: --remote-debugging-port'],
    [['--inspect', '--inspect-brk=0'], 'refused: --inspect, --inspect-brk'],
  ])('refuses %j, naming the problem', (argv, message) => {
    expect(() => parse(argv)).toThrow(message);
  });

  it('lets debugging switches through where allowed (Electron in development) without taking them as its own', () => {
    expect(parseHostArgs(['--inspect=9229', '--remote-debugging-port', '--offline'], { allowDebugSwitches: true, env: {} }).offline).toBe(true);
  });
});

describe('defaultDataDir', () => {
  it.runIf(process.platform === 'linux')('counts an empty or relative XDG_CONFIG_HOME as unset', () => {
    const home = join(homedir(), '.config', 'INRS Command Center');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' })).toBe(home);
    expect(defaultDataDir({ XDG_CONFIG_HOME: 'relative/config' })).toBe(home);
    expect(defaultDataDir({})).toBe(home);
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/INRS Command Center');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg', INRS_DATA_DIR: '/data' })).toBe('/data');
  });
});
