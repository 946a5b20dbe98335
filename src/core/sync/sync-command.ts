import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadIdentityFile, readCrlFiles } from '../pki';
import { readKeyFile } from '../replica/key-file';
import { openReplica } from '../replica/replica';
import { directSink } from './direct-sink';
import { readSyncConfig } from './sync-config';
import { SyncManager } from './sync-manager';

export const syncHelp = `inrs sync --config FILE [--once]
  Headless sync client: connects to every configured region's servers and applies their
  logs to the replica. --once exits 0 when every region is live (caught up) and its chain
  checked against the newest checkpoint its server had signed on connecting. Servers are
  checked for revocation against the config's "crls" (files or folders) and the newer CRLs
  each server sends, if signed by the national root or that server's CA.`;

/** `inrs sync`: the same links as the app host, applying straight to the replica. */
export async function runSyncCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, once: { type: 'boolean', default: false } }, strict: true });
  if (!values.config) throw new Error('missing --config');
  const config = readSyncConfig(values.config);
  // The identity first: a wrong passphrase is refused before any replica file is created.
  const identity = loadIdentityFile(config.identity, config.passphraseFile);
  const replica = openReplica(config.replica, readKeyFile(config.keyFile), { create: true });
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const manager = new SyncManager({
    regions: config.regions,
    identity,
    rootPem: readFileSync(config.rootCert, 'utf8'),
    crls: readCrlFiles(config.crls).map((f) => f.pem),
    sink: directSink(replica),
    ...(config.clientId ? { clientId: config.clientId } : {}),
    onState: (s) => log(`[${s.region}] ${s.status} cursor ${s.cursor}${s.headSeq !== null ? `/${s.headSeq}` : ''}${s.reason ? ` (${s.reason})` : ''}`),
    log,
  });
  manager.start();
  await (values.once
    ? manager.whenAllVerified()
    : new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      }));
  await manager.stop();
  replica.close();
  if (values.once) process.stdout.write(`${JSON.stringify(manager.states())}\n`);
}
