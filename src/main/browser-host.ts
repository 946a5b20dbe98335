import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureKeyFile, readKeyFile } from '../core/replica/key-file';
import { SCALES, type SeedScale } from '../core/seed';
import { DisposableStore } from '../shared/disposables';
import { loadBasemap } from './basemap/load-basemap';
import { resourcesDir } from '../core/resources-dir';
import { startBrowserServer } from './browser/browser-server';
import { createDownloadOffers } from './browser/download-offers';
import { defaultDataDir } from './host/data-dir';
import { syncFromConfig } from './host/configured-sync';
import { startDemoNetwork } from './host/demo-network';
import { demoOfficerHint, OFFICER_DIR, prepareDemoOfficer, type DemoOfficer } from './host/demo-officer';
import { startHostRuntime } from './host/host-runtime';
import { ensureDemoReplica, type ReplicaTarget } from './host/prepare-replica';
import { progressLine } from './host/progress-line';
import { APP_VERSION } from './host/version';
import { createBrowserDisplays } from './displays/displays-service';
import { parseKioskFlags, type KioskFlags } from './displays/kiosk-settings';
import { layoutFileIn } from './displays/layout-store';

/**
 * The browser host: the same app host as the Electron shell, served to a browser on
 * 127.0.0.1. Used where no Electron binary exists (build machines, CI) and by every
 * end-to-end test.
 */
const USAGE = `usage: browser-host [--replica FILE --key-file FILE] [--data-dir DIR] [--port N] [--demo-scale tiny|demo|national] [--basemap FILE.geojson|FILE.pmtiles]
  [--sync-config FILE] [--offline] [--kiosk [--playlist WALL,WALL,… --interval SECONDS]]
  [--demo-officer]   a second officer (duty officer of 430000) against the demo running on the same data dir`;

const log = (line: string) => process.stderr.write(`${line}\n`);

async function resolveTarget(values: { replica?: string; 'key-file'?: string; 'demo-scale'?: string; 'data-dir'?: string }): Promise<ReplicaTarget> {
  if (values.replica) {
    if (!values['key-file']) throw new Error(`--replica needs --key-file\n${USAGE}`);
    return { file: values.replica, key: readKeyFile(values['key-file']), demo: false };
  }
  const scale = (values['demo-scale'] ?? process.env.INRS_DEMO_SCALE ?? 'demo') as SeedScale;
  if (!Object.hasOwn(SCALES, scale)) throw new Error(`unknown demo scale ${scale}\n${USAGE}`);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  let announced = false;
  return ensureDemoReplica({
    dataDir,
    scale,
    resolveKey: (keyFile) => ensureKeyFile(keyFile).key,
    onProgress: (done, total) => {
      if (!announced) log(`No replica configured: seeding the ${scale} demo replica in ${dataDir} (first run only)…`);
      announced = true;
      log(progressLine('seeding', done, total));
    },
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      replica: { type: 'string' },
      'key-file': { type: 'string' },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'demo-scale': { type: 'string' },
      'renderer-dir': { type: 'string' },
      basemap: { type: 'string' },
      'sync-config': { type: 'string' },
      offline: { type: 'boolean', default: false },
      kiosk: { type: 'boolean', default: false },
      playlist: { type: 'string' },
      interval: { type: 'string' },
      'demo-officer': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values['demo-officer'] && (values.replica || values['sync-config'] || values.offline)) {
    throw new Error(`--demo-officer joins the running demo; it takes no --replica, --sync-config or --offline\n${USAGE}`);
  }
  const kioskFlags: KioskFlags = { kiosk: values.kiosk, playlist: values.playlist, interval: values.interval };
  parseKioskFlags(kioskFlags);
  const disposables = new DisposableStore();
  const shutdown = async (code: number) => {
    await disposables.dispose().catch((err: unknown) => log(String(err)));
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  // Checked before the replica so a wrong map file fails fast.
  const basemap = loadBasemap({ file: values.basemap ?? process.env.INRS_BASEMAP, resourcesDir: resourcesDir() });
  const officer = values['demo-officer'] ? await prepareOfficer(values['data-dir'] ?? defaultDataDir()) : null;
  const target = officer?.target ?? (await resolveTarget(values));
  let origin = '';
  // The tab is the browser host's only display; the layout file keeps its kiosk settings.
  const displays = createBrowserDisplays({ file: layoutFileIn(officer?.dir ?? values['data-dir'] ?? defaultDataDir()), flags: kioskFlags, log });
  const downloads = createDownloadOffers();
  const runtime = await startHostRuntime({
    displays,
    delivery: downloads.delivery,
    target,
    host: 'browser',
    version: APP_VERSION,
    isTrustedSender: (sender) => sender.origin === origin,
    disposables,
    log,
  });
  let demoRunning = false;
  if (officer) runtime.startSync(officer.network);
  else if (!values.offline) {
    if (values['sync-config']) runtime.startSync(syncFromConfig(values['sync-config']));
    else if (target.demo && target.demoSeed) {
      const dataDir = values['data-dir'] ?? defaultDataDir();
      runtime.startSync(await startDemoNetwork({ dataDir, seed: target.demoSeed, disposables, log }));
      demoRunning = true;
    }
  }
  const server = await startBrowserServer({
    rendererDir: values['renderer-dir'] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer'),
    // The second officer runs beside the demo's own host: any free port.
    port: values.port ? Number(values.port) : officer ? 0 : 4870,
    dispatch: runtime.dispatch,
    events: runtime.events,
    basemap,
    downloads,
    log,
  });
  origin = server.origin;
  disposables.add(() => server.close());
  const who = officer ? signedInLine(officer) : demoRunning ? `${demoOfficerHint(values['data-dir'] ?? defaultDataDir())}\n` : '';
  process.stdout.write(`INRS Command Center (browser host) on replica ${target.file}\n${who}Open this address in a browser:\n${server.url}\n`);
}

function prepareOfficer(dataDir: string): Promise<DemoOfficer> {
  let announced = false;
  return prepareDemoOfficer({
    dataDir,
    resolveKey: (keyFile) => ensureKeyFile(keyFile).key,
    onProgress: (done, total) => {
      if (!announced) log(`Seeding the second officer's replica in ${join(dataDir, OFFICER_DIR)} as the running demo was seeded (first run only)…`);
      announced = true;
      log(progressLine('seeding', done, total));
    },
    log,
  });
}

function signedInLine(officer: DemoOfficer): string {
  const { name, role, region } = officer.identity.info;
  return `Second officer: signed in as ${name} (${role ?? 'no role'}, region ${region ?? 'none'}), linked to the demo's server of ${Object.keys(officer.network.regions).join(', ')}\n`;
}

main().catch((err: unknown) => {
  log(`browser host failed: ${(err as Error).message}`);
  process.exit(1);
});
