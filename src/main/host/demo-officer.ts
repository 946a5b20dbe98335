import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Identity } from '../../core/pki';
import { defaultDataDir } from './data-dir';
import { DEMO_NETWORK_FILE, demoNetworkFileSchema, type DemoNetwork, type DemoNetworkFile } from './demo-network';
import { DEMO_OFFICER, ensureOfficerIdentity } from './demo-officer-identity';
import { ensureOfficerReplica } from './demo-officer-replica';
import type { ReplicaTarget } from './prepare-replica';

/** The second officer's own folder inside the demo's data dir: replica, key, certificate, layout. */
export const OFFICER_DIR = 'officer-2';
const OFFICER_P12 = 'officer.p12';
const START_DEMO_FIRST = 'start the demo first with npm start';

/**
 * How to start the second officer, printed by a host running the demo; it names the data dir
 * unless it is the platform's default (INRS_DATA_DIR may not be set in the next terminal).
 */
export function demoOfficerHint(dataDir: string): string {
  const isDefault = dataDir === defaultDataDir({ ...process.env, INRS_DATA_DIR: undefined });
  const quoted = /^[\w./:@+-]+$/.test(dataDir) ? dataDir : JSON.stringify(dataDir);
  return `Second officer (two-person rule): npm start -- --demo-officer${isDefault ? '' : ` --data-dir ${quoted}`}`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The demo network announced in the data dir by a running `npm start`; a clear error otherwise. */
export function readRunningDemo(dataDir: string): DemoNetworkFile {
  const file = join(dataDir, DEMO_NETWORK_FILE);
  if (!existsSync(file)) throw new Error(`no demo is running on ${dataDir} (${file} not found): ${START_DEMO_FIRST}`);
  let demo: DemoNetworkFile;
  try {
    demo = demoNetworkFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    const problem = err instanceof SyntaxError ? err.message : (err as Error).message.replaceAll(/\s+/g, ' ');
    throw new Error(`${file} does not describe a demo network (${problem}): ${START_DEMO_FIRST}`);
  }
  if (!isRunning(demo.pid)) throw new Error(`the demo that wrote ${file} (process ${demo.pid}) is no longer running: ${START_DEMO_FIRST}`);
  return demo;
}

export interface DemoOfficer {
  /** `<dataDir>/officer-2`: this workstation's own data dir. */
  dir: string;
  target: ReplicaTarget;
  /** The officer's certificate and key, from the demo PKI. */
  identity: Identity;
  /** The region's servers of the running demo, and the officer's identity to link with. */
  network: DemoNetwork;
}

export interface DemoOfficerOptions {
  /** The running demo's data dir (the second officer's folder is made inside it). */
  dataDir: string;
  resolveKey(keyFile: string): Buffer;
  onProgress(done: number, total: number): void;
  log: (line: string) => void;
}

/**
 * A second workstation against the running demo, so the two-person rule can be tried on one
 * machine: a duty officer of Hunan with a certificate from the demo PKI, its own replica seeded
 * as the demo's was, linked to Hunan's server (a duty officer reads only its own region).
 */
export async function prepareDemoOfficer(options: DemoOfficerOptions): Promise<DemoOfficer> {
  const demo = readRunningDemo(options.dataDir);
  const links = demo.regions[DEMO_OFFICER.region];
  if (!links) throw new Error(`the running demo has no server for region ${DEMO_OFFICER.region}, where the second officer is on duty`);
  const rootPem = readFileSync(demo.rootCert, 'utf8');
  const dir = join(options.dataDir, OFFICER_DIR);
  const target = await ensureOfficerReplica({ dir, seed: demo.seed, resolveKey: options.resolveKey, onProgress: options.onProgress });
  const identity = ensureOfficerIdentity({ pkiDir: demo.pkiDir, file: join(dir, OFFICER_P12), rootPem, log: options.log });
  return { dir, target, identity, network: { regions: { [DEMO_OFFICER.region]: links }, identity, rootPem } };
}
