import { parseArgs } from 'node:util';
import { SCALES, type SeedScale } from '../../core/seed';
import type { KioskFlags } from '../displays/kiosk-settings';
import { parseKioskFlags } from '../displays/kiosk-settings';

/** Every option both hosts take, parsed once (src/main/index.ts and src/main/browser-host.ts). */
export interface HostArgs {
  replica?: string;
  keyFile?: string;
  dataDir?: string;
  port?: number;
  demoScale: SeedScale;
  rendererDir?: string;
  basemap?: string;
  syncConfig?: string;
  /** A registry verifier's certificate (passphrase file beside it): verify and onboard civilian assets from the app. */
  registryIdentity?: string;
  /** A civilian contributor's certificate and its regional server: the app shows only "my assets". */
  contributor?: { identity: string; server: string };
  offline: boolean;
  kiosk: KioskFlags;
  demoOfficer: boolean;
  allowInsecureKeystore: boolean;
  /** Devtools in workstation windows of a packaged build (kiosk windows never have them). */
  allowDevtools: boolean;
}

export const HOST_USAGE = `usage: npm start -- [--replica FILE --key-file FILE] [--data-dir DIR] [--port N] [--demo-scale tiny|demo|national] [--basemap FILE.geojson|FILE.pmtiles]
  [--sync-config FILE] [--registry-identity FILE.p12] [--offline] [--kiosk [--playlist WALL,WALL,… --interval SECONDS]]
  [--contributor FILE.p12 --contributor-server wss://HOST:PORT]   a civilian contributor's workstation (only its own assets)
  [--demo-officer]   a second officer (duty officer of 430000) against the demo running on the same data dir
  [--allow-devtools] developer tools in workstation windows of the packaged app
  [--allow-insecure-keystore] (Electron) keep the replica key in a plain file where the OS keystore is missing`;

/**
 * Switches that open the app to a debugger: Chromium's remote debugging and Node's inspector.
 * A packaged app refuses to start with any of them rather than run inspectable.
 */
export const DEBUG_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'remote-debugging-address', 'inspect', 'inspect-brk', 'inspect-port', 'inspect-wait', 'debug', 'debug-brk'] as const;

export interface HostArgsContext {
  /** Debugging switches pass (to Chromium or Node) only where this is true: Electron in development. */
  allowDebugSwitches: boolean;
  env?: NodeJS.ProcessEnv;
}

const OPTIONS = {
  replica: { type: 'string' },
  'key-file': { type: 'string' },
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  'demo-scale': { type: 'string' },
  'renderer-dir': { type: 'string' },
  basemap: { type: 'string' },
  'sync-config': { type: 'string' },
  'registry-identity': { type: 'string' },
  contributor: { type: 'string' },
  'contributor-server': { type: 'string' },
  offline: { type: 'boolean', default: false },
  kiosk: { type: 'boolean', default: false },
  playlist: { type: 'string' },
  interval: { type: 'string' },
  'demo-officer': { type: 'boolean', default: false },
  'allow-insecure-keystore': { type: 'boolean', default: false },
  'allow-devtools': { type: 'boolean', default: false },
} as const;

export class HostArgsError extends Error {}

const fail = (message: string): never => {
  throw new HostArgsError(`${message}\n${HOST_USAGE}`);
};

/** The debugging switches among the arguments, by name (`--inspect=9229` names `--inspect`). */
export function debugSwitchesIn(argv: readonly string[]): string[] {
  const names = argv.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')[0] ?? '');
  return [...new Set(names.filter((n) => (DEBUG_SWITCHES as readonly string[]).includes(n)).map((n) => `--${n}`))];
}

/** Parses the host's own arguments (without the executable and script), strictly: an unknown option is named. */
export function parseHostArgs(argv: readonly string[], context: HostArgsContext): HostArgs {
  const env = context.env ?? process.env;
  const debug = debugSwitchesIn(argv);
  if (debug.length > 0 && !context.allowDebugSwitches) fail(`refused: ${debug.join(', ')}: debugging switches are not accepted by the app`);
  const ours = context.allowDebugSwitches ? argv.filter((a) => debugSwitchesIn([a]).length === 0) : [...argv];
  let values;
  try {
    ({ values } = parseArgs({ args: ours, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (err) {
    return fail((err as Error).message);
  }
  const scale = values['demo-scale'] ?? (env.INRS_DEMO_SCALE || 'demo');
  if (!Object.hasOwn(SCALES, scale)) fail(`--demo-scale: unknown demo scale ${scale}`);
  if (values.replica !== undefined && values['key-file'] === undefined) fail('--replica needs --key-file');
  if (values['key-file'] !== undefined && values.replica === undefined) fail('--key-file goes with --replica');
  if (values['demo-officer'] && (values.replica !== undefined || values['sync-config'] !== undefined || values.offline)) {
    fail('--demo-officer joins the running demo; it takes no --replica, --sync-config or --offline');
  }
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) fail(`--port: ${values.port} is not a port number (0-65535)`);
  }
  if (values['registry-identity'] !== undefined && values.offline) fail('--registry-identity needs the links to the regional servers; it takes no --offline');
  if ((values.contributor === undefined) !== (values['contributor-server'] === undefined)) fail('--contributor FILE.p12 and --contributor-server wss://HOST:PORT go together');
  if (values.contributor !== undefined) {
    const others = (['replica', 'sync-config', 'registry-identity'] as const).filter((n) => values[n] !== undefined).map((n) => `--${n}`);
    if (values.offline) others.push('--offline');
    if (values['demo-officer']) others.push('--demo-officer');
    if (others.length > 0) fail(`--contributor opens a contributor's workstation (its own assets only); it takes no ${others.join(', ')}`);
    if (!/^wss:\/\/[^/\s]+/.test(values['contributor-server'] ?? '')) fail(`--contributor-server must be a wss:// address, not ${values['contributor-server']}`);
  }
  for (const name of ['replica', 'key-file', 'data-dir', 'renderer-dir', 'basemap', 'sync-config', 'registry-identity', 'contributor'] as const) {
    if (values[name] === '') fail(`--${name} needs a value`);
  }
  const kiosk: KioskFlags = { kiosk: values.kiosk, playlist: values.playlist, interval: values.interval };
  try {
    parseKioskFlags(kiosk);
  } catch (err) {
    fail((err as Error).message);
  }
  return {
    ...(values.replica !== undefined ? { replica: values.replica } : {}),
    ...(values['key-file'] !== undefined ? { keyFile: values['key-file'] } : {}),
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    ...(port !== undefined ? { port } : {}),
    demoScale: scale as SeedScale,
    ...(values['renderer-dir'] !== undefined ? { rendererDir: values['renderer-dir'] } : {}),
    ...(values.basemap !== undefined ? { basemap: values.basemap } : {}),
    ...(values['sync-config'] !== undefined ? { syncConfig: values['sync-config'] } : {}),
    ...(values['registry-identity'] !== undefined ? { registryIdentity: values['registry-identity'] } : {}),
    ...(values.contributor !== undefined && values['contributor-server'] !== undefined ? { contributor: { identity: values.contributor, server: values['contributor-server'] } } : {}),
    offline: values.offline,
    kiosk,
    demoOfficer: values['demo-officer'],
    allowInsecureKeystore: values['allow-insecure-keystore'],
    allowDevtools: values['allow-devtools'],
  };
}
