import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureKeyFile } from '../core/replica/key-file';
import { DisposableStore } from '../shared/disposables';
import { loadBasemap } from './basemap/load-basemap';
import { resourcesDir } from '../core/resources-dir';
import { startBrowserServer } from './browser/browser-server';
import { createDownloadOffers } from './browser/download-offers';
import { defaultDataDir } from './host/data-dir';
import { composeHost } from './host/compose-host';
import { parseHostArgs } from './host/host-args';
import { lockHostDataDir } from './host/data-dir-lock';
import { createBrowserDisplays } from './displays/displays-service';
import { layoutFileIn } from './displays/layout-store';

/**
 * The browser host: the same app host as the Electron shell, served to a browser on
 * 127.0.0.1. Used where no Electron binary exists (build machines, CI) and by every
 * end-to-end test.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2), { allowDebugSwitches: false });
  const dataDir = args.dataDir ?? defaultDataDir();
  const disposables = new DisposableStore();
  const shutdown = async (code: number) => {
    await disposables.dispose().catch((err: unknown) => log(String(err)));
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  // Checked before the replica so a wrong map file fails fast.
  const basemap = loadBasemap({ file: args.basemap ?? process.env.INRS_BASEMAP, resourcesDir: resourcesDir() });
  const hostLock = lockHostDataDir({ replica: args.replica, dataDir, officer: args.demoOfficer }, disposables, log);
  let origin = '';
  const downloads = createDownloadOffers();
  const { runtime, target, officer, notice } = await composeHost(args, {
    delivery: downloads.delivery,
    host: 'browser',
    dataDir,
    resolveKey: (keyFile) => ensureKeyFile(keyFile).key,
    // The tab is the browser host's only display; the layout file keeps its kiosk settings.
    displays: (profileDir) => createBrowserDisplays({ file: layoutFileIn(profileDir), flags: args.kiosk, log }),
    isTrustedSender: (sender) => sender.origin === origin,
    disposables,
    log,
  });
  const server = await startBrowserServer({
    rendererDir: args.rendererDir ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer'),
    // The second officer runs beside the demo's own host: any free port.
    port: args.port ?? (officer ? 0 : 4870),
    dispatch: runtime.dispatch,
    events: runtime.events,
    basemap,
    downloads,
    log,
  });
  origin = server.origin;
  hostLock.announce(server.url);
  disposables.add(() => server.close());
  const who = notice.map((line) => `${line}\n`).join('');
  const source = target ? `on replica ${target.file}` : "for a civilian contributor (no replica)";
  process.stdout.write(`INRS Command Center (browser host) ${source}\n${who}Open this address in a browser:\n${server.url}\n`);
}

main().catch((err: unknown) => {
  log(`browser host failed: ${(err as Error).message}`);
  process.exit(1);
});
