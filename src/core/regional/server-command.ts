import { parseArgs } from 'node:util';
import { DEFAULT_AS_OF, DEFAULT_SEED } from '../seed/defaults';
import { SCALES, type SeedScale } from '../seed';
import { seedInto } from '../seed/seed-replica';
import { lockFolder, STORE_LOCK_FILE } from '../locks/dir-lock';
import { openRegionalStore } from './regional-store';
import { startRegionalServer } from './regional-server';
import { startSimulator } from './simulator';
import { parseLogUrl } from './log/jetstream-log';
import { readBackupPolicy } from '../backup/policy';
import { backupInChildProcess } from '../backup/child-backup';
import { startBackupScheduler } from '../backup/scheduler';

export const serverHelp = `inrs server --region ADCODE --data DIR --trust TRUST-DIR --identity FILE.p12 [--identity-passphrase-file F]
            --port N [--host 127.0.0.1]
            [--simulate RATE] [--seed-scale tiny|demo|national] [--seed N] [--as-of ISO] [--seed-civilian]
            [--checkpoint-every N] [--checkpoint-seconds S] [--config FILE]
            [--log nats://HOST:PORT[,HOST:PORT…] | --mirror nats://NATIONAL:PORT[,…]]
  Runs the regional server of one region: its encrypted store in DIR, WSS with mutual
  TLS 1.3 on HOST:PORT, trusting the root and CRLs of TRUST-DIR (inrs pki export-trust; its CRLs
  re-read every 30 s) and presenting FILE.p12, opened with its own passphrase (F, by default
  FILE.passphrase beside it). No CA key or CA passphrase is needed or accepted. Prints "listening wss://HOST:PORT" when ready. --seed-scale seeds an
  empty store with the national reference log and the region's synthetic log (the same
  logs \`inrs seed\` folds into a replica; --seed-civilian adds the civilian registry as \`inrs seed --civilian\`); --simulate records RATE live movements a second
  (replenishing a region whose stock ran out). One server per store: DIR/server.lock names
  the running one, and a second server on DIR is refused with its pid. --config FILE: a JSON file
  whose "backups" section (dir, backupKeyFile, incrementalEveryMinutes, fullEveryHours,
  keepIncrementals, keepFulls) has the server make and prune its own backups. --log: the region's
  log is a JetStream stream on that cluster, shared by every server of the region (each one
  accepts commands; DIR is its projection, caught up on start); without it the log is DIR's own.
  --mirror: the region is served read-only from its national mirror (inrs mirror create): clients
  sync as from any server of the region and receive the checkpoints its servers signed; every
  command is refused "unavailable". DIR is the mirror's projection (--seed-scale seeds only the
  national reference log there).`;

export const serverStatsHelp = `inrs server stats --data DIR [--json]
  Head seq, chain head hash and projected state hash of a server store.`;

export class UsageError extends Error {}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`missing --${name}`);
  return value;
}

/** Parses `inrs server …` and runs the server until SIGINT/SIGTERM. */
export async function runServerCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      region: { type: 'string' },
      data: { type: 'string' },
      trust: { type: 'string' },
      'identity-passphrase-file': { type: 'string' },
      'pki-dir': { type: 'string' },
      identity: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      simulate: { type: 'string' },
      'seed-scale': { type: 'string' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      'seed-civilian': { type: 'boolean', default: false },
      'checkpoint-every': { type: 'string' },
      'checkpoint-seconds': { type: 'string' },
      config: { type: 'string' },
      log: { type: 'string' },
      mirror: { type: 'string' },
    },
    strict: true,
  });
  if (values.log !== undefined) parseLogUrl(values.log);
  if (values.mirror !== undefined) {
    try {
      parseLogUrl(values.mirror, '--mirror');
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (values.log !== undefined) throw new UsageError('--mirror and --log exclude each other: a server serves the region either from its log or, read-only, from the national mirror');
    if (values.simulate !== undefined) throw new UsageError('--mirror serves a read-only copy: --simulate would write to it');
  }
  if (values['pki-dir'] !== undefined) {
    throw new UsageError('--pki-dir is gone: a server holds no CA folder; give --trust with the trust bundle exported on the CA machine (inrs pki export-trust)');
  }
  const region = required(values, 'region');
  if (!/^\d{6}$/.test(region)) throw new UsageError('--region must be a 6-digit adcode');
  const dataDir = required(values, 'data');
  const port = Number(required(values, 'port'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number');
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  // Read before anything starts: a mistake in the configuration is refused at once.
  const backupPolicy = values.config ? readBackupPolicy(values.config) : null;
  // Taken before seeding: a second server on this store is refused before it writes anything.
  const storeLock = lockFolder(dataDir, { name: STORE_LOCK_FILE, holder: 'regional server', log });

  if (values['seed-scale']) {
    const scale = values['seed-scale'] as SeedScale;
    if (!Object.hasOwn(SCALES, scale)) throw new UsageError(`unknown --seed-scale ${scale}`);
    const store = openRegionalStore(dataDir, region);
    try {
      // A mirror's region grows from the mirror: only its national reference log says it was seeded.
      const seeded = values.mirror ? store.replica.projector.headOf('000000').seq > 0 : store.head().seq > 0;
      if (!seeded) {
        const result = seedInto(store.replica, {
          scale,
          seed: values.seed ? Number(values.seed) : DEFAULT_SEED,
          asOf: values['as-of'] ? new Date(values['as-of']).toISOString() : DEFAULT_AS_OF,
          // On the mirror only the national reference log: the region's own comes from the mirror.
          regions: values.mirror ? ['000000'] : ['000000', region],
          civilian: values['seed-civilian'],
        });
        log(`seeded ${result.events} events into ${dataDir}`);
      }
    } finally {
      store.close();
    }
  }

  const server = await startRegionalServer({
    region,
    dataDir,
    trustDir: required(values, 'trust'),
    identityFile: required(values, 'identity'),
    ...(values['identity-passphrase-file'] ? { identityPassphraseFile: values['identity-passphrase-file'] } : {}),
    port,
    host: values.host,
    ...(values['checkpoint-every'] ? { checkpointEvery: Number(values['checkpoint-every']) } : {}),
    ...(values['checkpoint-seconds'] ? { checkpointSeconds: Number(values['checkpoint-seconds']) } : {}),
    ...(values.log ? { logUrl: values.log } : {}),
    ...(values.mirror ? { mirrorUrl: values.mirror } : {}),
    log,
  });
  const stopSimulator = values.simulate ? startSimulator(server.store, Number(values.simulate), server.notifyAppended, log) : () => undefined;
  const backups = backupPolicy
    ? startBackupScheduler({
        region,
        policy: backupPolicy,
        make: backupInChildProcess({ dataDir, policy: backupPolicy, identityFile: required(values, 'identity'), passphraseFile: values['identity-passphrase-file'] }),
        log,
      })
    : null;
  process.stdout.write(`listening ${server.url}\n`);
  if (backups) void backups.tick();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  backups?.stop();
  await backups?.whenIdle();
  stopSimulator();
  await server.close();
  storeLock.release();
}

export function runServerStats(args: string[]): void {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
  const dataDir = required(values, 'data');
  const probe = openRegionalStore(dataDir, '000000');
  const regions = probe.replica.db.prepare<[], string>("SELECT region FROM region_heads WHERE region <> '000000' ORDER BY region").pluck().all();
  probe.close();
  const stats = regions.map((region) => {
    const store = openRegionalStore(dataDir, region);
    try {
      const head = store.head();
      return { region, headSeq: head.seq, headHash: head.hash, stateHash: store.stateHash(), checkpoint: store.checkpoints.latest(region)?.seq ?? null };
    } finally {
      store.close();
    }
  });
  const single = stats.length === 1 ? stats[0] : stats;
  if (values.json) process.stdout.write(`${JSON.stringify(single, null, 2)}\n`);
  else for (const s of stats) process.stdout.write(`${s.region}  head ${s.headSeq}  ${s.headHash}\n        state ${s.stateHash}  checkpoint ${s.checkpoint ?? '-'}\n`);
}
