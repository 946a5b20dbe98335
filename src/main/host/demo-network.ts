import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { exportTrust, identityPassphrasePath, initPki, issueCertificate, loadIdentityFile } from '../../core/pki';
import { writeFileAtomic } from '../../core/pki/files';
import { openRegionalStore } from '../../core/regional/regional-store';
import { startRegionalServer } from '../../core/regional/regional-server';
import { startSimulator } from '../../core/regional/simulator';
import { seedInto } from '../../core/seed/seed-replica';
import { SCALES, type SeedScale } from '../../core/seed';
import type { LinkIdentity } from '../../core/sync/region-link';
import type { DisposableStore } from '../../shared/disposables';
import { adcodeSchema } from '../../shared/domain/adcode';
import type { DemoSeed } from './prepare-replica';

/** Regions whose servers the demo runs on loopback: Beijing, Hunan, Sichuan. */
export const DEMO_REGIONS = ['110000', '430000', '510000'] as const;
/** The province whose registry verifier the demo workstation also acts as. */
export const DEMO_VERIFIER_REGION = '430000';

/**
 * Written in the data dir once the demo's servers listen, removed on shutdown: how a second
 * workstation on this machine finds them (src/main/host/demo-officer.ts).
 */
export const DEMO_NETWORK_FILE = 'demo-network.json';

const regionLinksSchema = z.object({ urls: z.array(z.string().regex(/^wss:\/\/\S+$/)).min(1), pins: z.array(z.string().min(1)).min(1) });

export const demoNetworkFileSchema = z.object({
  format: z.literal(1),
  /** The process running the servers; a file left by one that died is no running demo. */
  pid: z.number().int().positive(),
  /** The demo's CA folder: the demo plays the offline CA machine too, for the second officer. */
  pkiDir: z.string().min(1),
  /** The root certificate in the demo's trust folder. */
  rootCert: z.string().min(1),
  /** How the servers' logs were seeded, so another replica can be seeded to match them. */
  seed: z.object({
    scale: z.enum(Object.keys(SCALES) as [SeedScale, ...SeedScale[]]),
    seed: z.number().int(),
    asOf: z.iso.datetime(),
    civilian: z.boolean().optional(),
  }),
  regions: z.record(adcodeSchema, regionLinksSchema),
});
export type DemoNetworkFile = z.infer<typeof demoNetworkFileSchema>;

export interface DemoNetwork {
  regions: Record<string, { urls: string[]; pins: string[] }>;
  identity: LinkIdentity;
  rootPem: string;
  /** CRLs (PEM) the servers are checked against before their own arrive. */
  crls?: string[];
  /** A registry verifier's certificate the workstation also holds: verify and onboard from the registry wall. */
  registryIdentity?: LinkIdentity;
}

export interface DemoNetworkOptions {
  dataDir: string;
  seed: DemoSeed;
  disposables: DisposableStore;
  log: (line: string) => void;
  /** Simulated movements per second per region. */
  simulateRate?: number;
}

/** Re-exports the demo's trust bundle this often, so its CRLs never lapse under a long-running demo. */
const TRUST_REFRESH_MS = 60 * 60 * 1000;

/** Removes an identity and its passphrase file, so it can be issued anew. */
function removeIdentity(file: string): void {
  rmSync(file, { force: true });
  rmSync(identityPassphrasePath(file), { force: true });
}

/** A server identity kept across starts while it opens with its own passphrase; else issued anew. */
function ensureServerIdentity(pkiDir: string, file: string, region: string, log: (line: string) => void): void {
  if (existsSync(file)) {
    try {
      loadIdentityFile(file);
      return;
    } catch (err) {
      log(`issuing the demo server certificate of ${region} anew: ${(err as Error).message}`);
      removeIdentity(file);
    }
  }
  issueCertificate(pkiDir, { kind: 'server', region, name: `demo-server-${region}`, out: file });
}

/**
 * Three embedded regional servers with a generated dev PKI and simulated live movements,
 * holding the same seeded logs as the demo replica, so the app shows live state with no setup.
 * The demo plays the ceremony on one machine: its CA folder (demo-pki/) issues identities with
 * their own passphrases (demo-identities/) and exports the trust bundle (demo-trust/); the
 * servers and the app run from identity + trust bundle only.
 */
export async function startDemoNetwork(options: DemoNetworkOptions): Promise<DemoNetwork> {
  const pkiDir = join(options.dataDir, 'demo-pki');
  if (!existsSync(join(pkiDir, 'root.crt'))) {
    options.log('creating the demo PKI (first run only)…');
    initPki(pkiDir);
  }
  const certDir = join(options.dataDir, 'demo-identities');
  const trustDir = join(options.dataDir, 'demo-trust');
  mkdirSync(certDir, { recursive: true, mode: 0o700 });

  // The app's own certificate is short-lived: issue a fresh one each start, before the trust
  // bundle is exported (the national intermediate may be new).
  const clientFile = join(certDir, 'app-client.p12');
  removeIdentity(clientFile);
  issueCertificate(pkiDir, { kind: 'client', region: '000000', role: 'national-commander', name: 'demo-commander', out: clientFile });
  // Hunan's registry verifier, so the demo's registry wall can verify and onboard (a province scope).
  const verifierFile = join(certDir, `verifier-${DEMO_VERIFIER_REGION}.p12`);
  removeIdentity(verifierFile);
  issueCertificate(pkiDir, { kind: 'client', region: DEMO_VERIFIER_REGION, role: 'registry-verifier', name: 'demo-verifier-hunan', out: verifierFile });
  const serverFiles = DEMO_REGIONS.map((region) => {
    const file = join(certDir, `server-${region}.p12`);
    ensureServerIdentity(pkiDir, file, region, options.log);
    return file;
  });
  exportTrust(pkiDir, trustDir);
  const refresh = setInterval(() => {
    try {
      exportTrust(pkiDir, trustDir);
    } catch (err) {
      options.log(`could not refresh the demo trust bundle: ${(err as Error).message}`);
    }
  }, TRUST_REFRESH_MS);
  refresh.unref();
  options.disposables.add(() => clearInterval(refresh));

  const regions: DemoNetwork['regions'] = {};
  for (const [i, region] of DEMO_REGIONS.entries()) {
    const identityFile = serverFiles[i] as string;
    const dataDir = join(options.dataDir, 'demo-servers', region);
    const store = openRegionalStore(dataDir, region);
    try {
      if (store.head().seq === 0) seedInto(store.replica, { ...options.seed, regions: ['000000', region] });
    } finally {
      store.close();
    }
    const server = await startRegionalServer({ region, dataDir, trustDir, identityFile, port: 0, log: (line) => options.log(`[server ${region}] ${line}`) });
    options.disposables.add(() => server.close());
    const stopSimulator = startSimulator(server.store, options.simulateRate ?? 0.5, server.notifyAppended, options.log);
    options.disposables.add(stopSimulator);
    regions[region] = { urls: [server.url], pins: [loadIdentityFile(identityFile).info.spkiPin] };
  }
  const rootCert = join(trustDir, 'root.crt');
  announceDemoNetwork(options, { format: 1, pid: process.pid, pkiDir, rootCert, seed: options.seed, regions });
  return {
    regions,
    identity: loadIdentityFile(clientFile),
    rootPem: readFileSync(rootCert, 'utf8'),
    registryIdentity: loadIdentityFile(verifierFile),
  };
}

/** Writes demo-network.json (atomically) and removes it before the servers close. */
function announceDemoNetwork(options: DemoNetworkOptions, content: DemoNetworkFile): void {
  const file = join(options.dataDir, DEMO_NETWORK_FILE);
  writeFileAtomic(file, `${JSON.stringify(demoNetworkFileSchema.parse(content), null, 2)}\n`, 0o600);
  // Disposers run in reverse order: the file goes before the servers it names.
  options.disposables.add(() => {
    // Another demo started on this data dir since owns the file now.
    if (readOwner(file) === process.pid) rmSync(file, { force: true });
  });
}

function readOwner(file: string): number | null {
  try {
    return demoNetworkFileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).pid;
  } catch {
    return null;
  }
}
