import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openChromium, type Session } from './browser';
import { startHost, type RunningHost } from './processes';

export interface DemoHost {
  dataDir: string;
  host: RunningHost;
  session: Session;
  close(): Promise<void>;
}

/**
 * The browser host on a fresh tiny demo (its own data dir, embedded live regional servers, the
 * demo's national commander) and a fresh Chromium: the fixture of the tests that drive the demo.
 */
export async function openDemoHost(prefix: string): Promise<DemoHost> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const host = await startHost(['out/main/browser-host.js', '--data-dir', dataDir, '--demo-scale', 'tiny', '--port', '0']);
  const session = await openChromium();
  return {
    dataDir,
    host,
    session,
    close: async () => {
      await session.close();
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
