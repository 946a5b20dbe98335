import { join } from 'node:path';
import type { PassphraseReader } from '../../core/pki';
import { readKeyFile } from '../../core/replica/key-file';
import type { DisposableStore } from '../../shared/disposables';
import type { DisplaysService } from '../displays/displays-service';
import { syncFromConfig } from './configured-sync';
import { loadIdentityFile } from '../../core/pki';
import type { LinkIdentity } from '../../core/sync/region-link';
import { verifierOf } from './registry-actions';
import { rootOfChain } from '../../core/registry/registry-client';
import { createContributorHost } from './contributor-host';
import { startDemoNetwork } from './demo-network';
import { demoOfficerHint, OFFICER_DIR, prepareDemoOfficer, type DemoOfficer } from './demo-officer';
import type { BriefingDelivery } from './briefing-delivery';
import type { SenderInfo } from './dispatcher';
import type { HostArgs } from './host-args';
import { startHostRuntime, type HostRuntime } from './host-runtime';
import { ensureDemoReplica, type ReplicaTarget } from './prepare-replica';
import { progressLine } from './progress-line';
import { APP_VERSION } from './version';

/** What differs between the Electron shell and the browser host; everything else is composed here. */
export interface HostShell {
  host: 'electron' | 'browser';
  /** The data folder: --data-dir, else INRS_DATA_DIR, else the platform's (src/main/host/data-dir.ts). */
  dataDir: string;
  /** The demo replica's key from its key file (safeStorage-wrapped under Electron, a 0600 file in the browser host). */
  resolveKey(keyFile: string): Buffer;
  /** An identity's passphrase for --sync-config (safeStorage-wrapped under Electron); default: its 0600 file. */
  readPassphrase?: PassphraseReader;
  /** The host's displays, keeping their layout in this workstation's own folder. */
  displays(profileDir: string): DisplaysService;
  isTrustedSender(sender: SenderInfo): boolean;
  /** How an exported briefing reaches the officer: a one-time download (browser host) or a save dialog (Electron). */
  delivery?: BriefingDelivery;
  disposables: DisposableStore;
  log(line: string): void;
}

export interface ComposedHost {
  /** What the adapters serve: the contract's calls and the host's events. */
  runtime: Pick<HostRuntime, 'dispatch' | 'events'>;
  /** The replica opened; null on a contributor's workstation, which opens none. */
  target: ReplicaTarget | null;
  officer: DemoOfficer | null;
  /** Lines for the terminal once the host is up: who is signed in, how to start the second officer. */
  notice: string[];
}

/** This workstation's own folder: the data folder, or the second officer's inside it. */
export function profileDirOf(args: HostArgs, dataDir: string): string {
  return args.demoOfficer ? join(dataDir, OFFICER_DIR) : dataDir;
}

/** Opens the replica (configured, or the demo's, seeded on first run), starts the runtime and its links. */
export async function composeHost(args: HostArgs, shell: HostShell): Promise<ComposedHost> {
  if (args.contributor) return composeContributor(args.contributor, shell);
  const { log, dataDir } = shell;
  const officer = args.demoOfficer ? await prepareOfficer(shell) : null;
  const target = officer?.target ?? (await resolveTarget(args, shell));
  const runtime = await startHostRuntime({
    displays: shell.displays(profileDirOf(args, dataDir)),
    target,
    host: shell.host,
    version: APP_VERSION,
    isTrustedSender: shell.isTrustedSender,
    ...(shell.delivery ? { delivery: shell.delivery } : {}),
    disposables: shell.disposables,
    log,
  });
  const notice: string[] = [];
  // A verifier's certificate given on the command line; the demo's own Hunan verifier otherwise.
  const verifier = args.registryIdentity !== undefined ? loadVerifierIdentity(args.registryIdentity, shell) : null;
  const withVerifier = <T extends { registryIdentity?: LinkIdentity }>(network: T): T => (verifier ? { ...network, registryIdentity: verifier } : network);
  if (officer) {
    runtime.startSync(withVerifier(officer.network));
    notice.push(signedInLine(officer));
  } else if (!args.offline) {
    if (args.syncConfig !== undefined) runtime.startSync(withVerifier(syncFromConfig(args.syncConfig, shell.readPassphrase)));
    else if (target.demo && target.demoSeed) {
      runtime.startSync(withVerifier(await startDemoNetwork({ dataDir, seed: target.demoSeed, disposables: shell.disposables, log })));
      notice.push(demoOfficerHint(dataDir));
    }
  }
  return { runtime, target, officer, notice };
}

async function resolveTarget(args: HostArgs, shell: HostShell): Promise<ReplicaTarget> {
  if (args.replica !== undefined && args.keyFile !== undefined) {
    return { file: args.replica, key: readKeyFile(args.keyFile), demo: false };
  }
  let announced = false;
  return ensureDemoReplica({
    dataDir: shell.dataDir,
    scale: args.demoScale,
    resolveKey: shell.resolveKey,
    onProgress: (done, total) => {
      if (!announced) shell.log(`No replica configured: seeding the ${args.demoScale} demo replica in ${shell.dataDir} (first run only)…`);
      announced = true;
      shell.log(progressLine('seeding', done, total));
    },
  });
}

function prepareOfficer(shell: HostShell): Promise<DemoOfficer> {
  let announced = false;
  return prepareDemoOfficer({
    dataDir: shell.dataDir,
    resolveKey: shell.resolveKey,
    onProgress: (done, total) => {
      if (!announced) shell.log(`Seeding the second officer's replica in ${join(shell.dataDir, OFFICER_DIR)} as the running demo was seeded (first run only)…`);
      announced = true;
      shell.log(progressLine('seeding', done, total));
    },
    log: shell.log,
  });
}

function signedInLine(officer: DemoOfficer): string {
  const { name, role, region } = officer.identity.info;
  return `Second officer: signed in as ${name} (${role ?? 'no role'}, region ${region ?? 'none'}), linked to the demo's server of ${Object.keys(officer.network.regions).join(', ')}`;
}

/** A contributor's workstation: no replica, no stream; its own assets over its registry session. */
function composeContributor(options: { identity: string; server: string }, shell: HostShell): ComposedHost {
  const identity = loadIdentityFile(options.identity, undefined, shell.readPassphrase);
  const rootPem = rootOfChain(identity);
  if (!rootPem) throw new Error(`--contributor ${options.identity}: the identity carries no national root in its chain`);
  let host;
  try {
    host = createContributorHost({ identity, rootPem, server: options.server, version: APP_VERSION, host: shell.host, isTrustedSender: shell.isTrustedSender, log: shell.log });
  } catch (err) {
    throw new Error(`--contributor ${options.identity}: ${(err as Error).message}`);
  }
  shell.disposables.add(() => host.close());
  // The shell's displays still open its windows (Electron); each shows the contributor's view.
  shell.displays(shell.dataDir);
  const { name, region } = host.info;
  return { runtime: host, target: null, officer: null, notice: [`Contributor: signed in as ${name} (region ${region}), registry session to ${options.server}; only this contributor's own assets are shown`] };
}

/** The verifier's identity, refused at the start when it is not a registry verifier's certificate. */
function loadVerifierIdentity(file: string, shell: HostShell): LinkIdentity {
  const identity = loadIdentityFile(file, undefined, shell.readPassphrase);
  try {
    verifierOf(identity);
  } catch (err) {
    throw new Error(`--registry-identity ${file}: ${(err as Error).message}`);
  }
  return identity;
}
