import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initPki, issueCertificate, loadIdentityFile, type Identity } from '../../src/core/pki';
import { openRegionalStore, type RegionalStore } from '../../src/core/regional/regional-store';
import { startSimulator } from '../../src/core/regional/simulator';
import { createKeyFile } from '../../src/core/replica/key-file';
import { DEFAULT_AS_OF, DEFAULT_SEED } from '../../src/core/seed/defaults';
import { seedInto } from '../../src/core/seed/seed-replica';

export const REGION = '430000';

export interface BackupWorld {
  dir: string;
  rootFile: string;
  rootPem: string;
  server: Identity;
  serverP12: string;
  /** A regional server of another region, and a server of another national root. */
  otherRegion: Identity;
  foreign: Identity;
  backupKey: Buffer;
  backupKeyFile: string;
  remove(): void;
}

/** A real PKI (national root, region CAs, server certificates) and a backup key file in a temp dir. */
export function backupWorld(): BackupWorld {
  const dir = mkdtempSync(join(tmpdir(), 'inrs-backup-'));
  const pkiDir = join(dir, 'pki');
  const { rootPem, rootCert } = initPki(pkiDir);
  const serverP12 = join(dir, 'server.p12');
  issueCertificate(pkiDir, { kind: 'server', region: REGION, name: 'hunan-1', out: serverP12 });
  issueCertificate(pkiDir, { kind: 'server', region: '110000', name: 'beijing-1', out: join(dir, 'beijing.p12') });
  const foreignDir = join(dir, 'foreign-pki');
  initPki(foreignDir);
  issueCertificate(foreignDir, { kind: 'server', region: REGION, name: 'hunan-1', out: join(dir, 'foreign.p12') });
  const backupKeyFile = join(dir, 'backup.key');
  return {
    dir,
    rootFile: rootCert,
    rootPem,
    server: loadIdentityFile(serverP12),
    serverP12,
    otherRegion: loadIdentityFile(join(dir, 'beijing.p12')),
    foreign: loadIdentityFile(join(dir, 'foreign.p12')),
    backupKey: createKeyFile(backupKeyFile),
    backupKeyFile,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A server store of REGION seeded with the national reference log and the region's tiny log. */
export function seededStore(dataDir: string): RegionalStore {
  const store = openRegionalStore(dataDir, REGION);
  seedInto(store.replica, { scale: 'tiny', seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF, regions: ['000000', REGION] });
  return store;
}

/** Appends `count` live movements through the server's own append path (the simulator's). */
export async function appendMovements(store: RegionalStore, count: number): Promise<void> {
  const target = store.head().seq + count;
  const stop = startSimulator(store, 1000, () => undefined, () => undefined);
  try {
    const deadline = Date.now() + 30_000;
    while (store.head().seq < target) {
      if (Date.now() > deadline) throw new Error(`the simulator reached seq ${store.head().seq}, not ${target}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    stop();
  }
}
