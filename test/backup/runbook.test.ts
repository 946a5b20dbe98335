import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spkiPin } from '../../src/core/pki';
import { openRegionalStore } from '../../src/core/regional/regional-store';
import { readKeyFile } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { regionStateHash } from '../../src/core/replica/state-hash';
import { flipPayloadByte } from '../audit/support/cli';
import { TestNetwork } from '../sync/network';
import { spawnInrs, type InrsProcess } from '../sync/support/inrs-process';
import { freePort } from '../sync/support/ports';

/*
 * The README's runbook for a region's server, every step run as the operator runs it: the real
 * `inrs` command line against a real server process on 127.0.0.1 and a real `inrs sync` client.
 */
const REGION = '430000';
let net: TestNetwork;
let serverP12: string;
let clientP12: string;
let root: string;
const children: InrsProcess[] = [];

beforeAll(() => {
  net = new TestNetwork();
  serverP12 = net.issue({ kind: 'server', region: REGION, name: 'runbook-server' });
  clientP12 = net.issue({ kind: 'client', region: REGION, role: 'duty-officer', name: 'runbook-client' });
  root = join(net.trustDir, 'root.crt');
});

afterAll(async () => {
  for (const child of children) if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exited));
  await net?.close();
});

/** One runbook step: `inrs …` to its end; its exit code and output. */
async function step(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawnInrs(args);
  children.push(child);
  const exit = await child.exited;
  return { code: exit.code, out: [...child.stdout, ...child.stderr].join('\n') };
}

async function ok(args: string[]): Promise<string> {
  const r = await step(args);
  if (r.code !== 0) throw new Error(`inrs ${args.join(' ')} exited ${r.code}:\n${r.out}`);
  return r.out;
}

async function startServer(data: string, port: number, extra: string[] = []): Promise<InrsProcess> {
  const server = spawnInrs(['server', '--region', REGION, '--data', data, '--trust', net.trustDir, '--identity', serverP12, '--port', String(port), '--checkpoint-seconds', '1', ...extra]);
  children.push(server);
  await server.waitForLine(/^listening wss:/, 60_000);
  return server;
}

async function stop(server: InrsProcess, signal: NodeJS.Signals): Promise<void> {
  server.child.kill(signal);
  await server.exited;
}

function syncConfig(name: string, replica: { file: string; keyFile: string }, port: number): string {
  const file = join(net.dir, `${name}.json`);
  const rel = (p: string) => relative(net.dir, p);
  const pin = spkiPin(net.identity(serverP12).chainPem[0] as string);
  const config = { replica: rel(replica.file), keyFile: rel(replica.keyFile), identity: rel(clientP12), rootCert: rel(root), regions: { [REGION]: { urls: [`wss://127.0.0.1:${port}`], pins: [pin] } } };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

const serverHead = (data: string) => {
  const store = openRegionalStore(data, REGION);
  try {
    return { ...store.head(), state: store.stateHash() };
  } finally {
    store.close();
  }
};
type ReplicaFiles = { file: string; keyFile: string };
/** Reads a workstation replica (opened read-only for the read, closed after). */
function readReplica<T>(replica: ReplicaFiles, read: (r: ReturnType<typeof openReplica>) => T): T {
  const r = openReplica(replica.file, readKeyFile(replica.keyFile), { readonly: true });
  try {
    return read(r);
  } finally {
    r.close();
  }
}
const replicaHead = (replica: ReplicaFiles) => readReplica(replica, (r) => ({ ...r.projector.headOf(REGION), state: regionStateHash(r.db, REGION) }));
const newestCheckpoint = (replica: ReplicaFiles): number =>
  readReplica(replica, (r) => r.db.prepare<[string], number>('SELECT coalesce(max(seq), 0) FROM checkpoints WHERE region = ?').pluck().get(REGION) ?? 0);
const seqOf = (out: string) => Number(/seq \d+\.\.(\d+)/.exec(out)?.[1] ?? -1);

/** A live server with a synced client and an offline full backup and incremental, taken while it runs. */
async function liveRegion(name: string) {
  const data = join(net.dir, `${name}-server`);
  const offline = join(net.dir, `${name}-offline`);
  mkdirSync(offline, { mode: 0o700 });
  const port = await freePort();
  const server = await startServer(data, port, ['--seed-scale', 'tiny', '--simulate', '40']);
  const replica = net.replicaFile();
  const config = syncConfig(`${name}-sync`, replica, port);
  const backupKey = join(offline, 'backup.key');
  const full = join(offline, 'full.inrsbak');
  const inc = join(offline, 'incremental-1.inrsbak');
  const fullSeq = seqOf(await ok(['backup', 'create', '--data', data, '--out', full, '--backup-key', backupKey, '--identity', serverP12]));
  // The simulator keeps writing: the incremental carries what came after the full.
  await new Promise((r) => setTimeout(r, 1_500));
  const incSeq = seqOf(await ok(['backup', 'create', '--data', data, '--out', inc, '--backup-key', backupKey, '--identity', serverP12, '--incremental-from', `${full}.manifest.json`]));
  expect(incSeq).toBeGreaterThan(fullSeq);
  // The workstation keeps syncing past the backup, until it holds a checkpoint the server signed after it
  // (one a second; a loaded machine may need more than one pass).
  for (let pass = 0; pass < 10 && newestCheckpoint(replica) <= incSeq; pass++) {
    await new Promise((r) => setTimeout(r, 1_500));
    await ok(['sync', '--config', config, '--once']);
  }
  expect(newestCheckpoint(replica)).toBeGreaterThan(incSeq);
  return { data, offline, port, server, replica, config, backupKey, full, inc, incSeq };
}

describe('inrs server --config with a backups section', () => {
  it('the running server makes a full backup, then incrementals, into a 0700 folder of 0600 files that restore', async () => {
    const dir = join(net.dir, 'scheduled');
    const data = join(dir, 'server');
    const config = join(dir, 'server.json');
    mkdirSync(dir, { mode: 0o700 });
    // An incremental every 1.2 s and a full every 3.6 s, so the test sees the schedule at work in seconds.
    writeFileSync(config, JSON.stringify({ backups: { dir: 'backups', backupKeyFile: 'backup.key', incrementalEveryMinutes: 0.02, fullEveryHours: 0.001, keepIncrementals: 1, keepFulls: 1 } }));
    const server = await startServer(data, await freePort(), ['--seed-scale', 'tiny', '--simulate', '40', '--config', config]);
    await server.waitForLine(/backups: wrote .*-full\.inrsbak/, 60_000);
    await server.waitForLine(/backups: wrote .*-incremental\.inrsbak/, 30_000);
    // The second full (after 3.6 s) makes the first one and its incrementals go.
    await server.waitForLine(/backups: deleted .*-full\.inrsbak .* by the retention policy/, 60_000);
    await stop(server, 'SIGTERM');

    const backups = join(dir, 'backups');
    expect(statSync(backups).mode & 0o777).toBe(0o700);
    const names = readdirSync(backups).sort();
    for (const name of names) expect(statSync(join(backups, name)).mode & 0o777).toBe(0o600);
    const files = names.filter((n) => n.endsWith('.inrsbak'));
    expect(files.filter((n) => n.includes('-full'))).toHaveLength(1);
    // What is left is the newest full and the incrementals after it (kept whatever keepIncrementals says): a chain that restores.
    const chain = [...files.filter((n) => n.includes('-full')), ...files.filter((n) => n.includes('-incremental'))].map((n) => join(backups, n));
    await ok(['backup', 'restore', '--file', chain.join(','), '--data', join(dir, 'restored'), '--backup-key', join(dir, 'backup.key'), '--root', root]);
    await ok(['audit', 'verify', '--data', join(dir, 'restored'), '--root', root]);
  }, 180_000);
});

describe('runbook: extreme situations of a regional server (no NATS)', () => {
  it('loss of a server disk: delete the data, restore from the offline backups, catch up from a workstation, start; the client converges', async () => {
    const r = await liveRegion('disk');
    await stop(r.server, 'SIGKILL');
    rmSync(r.data, { recursive: true, force: true });

    await ok(['backup', 'verify', '--file', `${r.full},${r.inc}`, '--root', root, '--backup-key', r.backupKey]);
    const restored = await ok(['backup', 'restore', '--file', `${r.full},${r.inc}`, '--data', r.data, '--backup-key', r.backupKey, '--root', root]);
    expect(restored).toContain(`at seq ${r.incSeq}`);
    await ok(['audit', 'verify', '--data', r.data, '--root', root]);

    // The workstation synced past the backup: take its signed part, then (vouching for it) the rest.
    const client = replicaHead(r.replica);
    expect(client.seq).toBeGreaterThan(r.incSeq);
    const signed = await ok(['backup', 'catch-up', '--data', r.data, '--region', REGION, '--replica', r.replica.file, '--key-file', r.replica.keyFile, '--root', root]);
    expect(signed).toMatch(new RegExp(`head seq ${r.incSeq} -> \\d+`));
    const tail = await ok(['backup', 'catch-up', '--data', r.data, '--region', REGION, '--replica', r.replica.file, '--key-file', r.replica.keyFile, '--root', root, '--accept-unsigned-tail']);
    expect(tail).toContain(`-> ${client.seq}`);
    await ok(['audit', 'verify', '--data', r.data, '--root', root]);

    const server = await startServer(r.data, r.port);
    await ok(['sync', '--config', r.config, '--once']);
    await stop(server, 'SIGTERM');
    const after = serverHead(r.data);
    expect(replicaHead(r.replica)).toEqual(after);
    expect(after.seq).toBe(client.seq);

    // A fresh workstation syncs from the restored server and converges as well.
    const fresh = net.replicaFile();
    const again = await startServer(r.data, r.port);
    await ok(['sync', '--config', syncConfig('disk-fresh', fresh, r.port), '--once']);
    await stop(again, 'SIGTERM');
    expect(replicaHead(fresh)).toEqual(serverHead(r.data));
  }, 240_000);

  it('ransomware on a server: the encrypted store fails its audit; restored from the offline backup it verifies, and the events after the backup come back only as far as the server signed them', async () => {
    const r = await liveRegion('ransom');
    await stop(r.server, 'SIGKILL');
    // The attacker encrypts the store in place.
    writeFileSync(join(r.data, 'store.db'), randomBytes(64 * 4096));
    const audit = await step(['audit', 'verify', '--data', r.data, '--root', root]);
    expect(audit.code).not.toBe(0);
    // The folder is set aside for the forensics; the offline backups are checked before use.
    renameSync(r.data, `${r.data}.ransomed`);

    // A backup file the attacker touched is refused by name.
    const touched = join(r.offline, 'touched.inrsbak');
    const bytes = readFileSync(r.inc);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    writeFileSync(touched, bytes);
    const refused = await step(['backup', 'verify', '--file', touched, '--root', root, '--backup-key', r.backupKey]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`${touched}: tampered`);
    // The chain given in the wrong order is refused by name as well.
    const reordered = await step(['backup', 'verify', '--file', `${r.inc},${r.full}`, '--root', root]);
    expect(reordered.code).toBe(1);
    expect(reordered.out).toContain(`${r.inc}: missing-incremental`);

    await ok(['backup', 'restore', '--file', `${r.full},${r.inc}`, '--data', r.data, '--backup-key', r.backupKey, '--root', root]);
    await ok(['audit', 'verify', '--data', r.data, '--root', root]);

    // A workstation replica whose log was altered after the backup is refused: nothing forged comes in.
    const forged = { file: join(net.dir, 'forged.db'), keyFile: r.replica.keyFile };
    copyFileSync(r.replica.file, forged.file);
    flipPayloadByte(forged.file, readKeyFile(r.replica.keyFile), REGION, r.incSeq + 1);
    const forgedCatchUp = await step(['backup', 'catch-up', '--data', r.data, '--region', REGION, '--replica', forged.file, '--key-file', forged.keyFile, '--root', root]);
    expect(forgedCatchUp.code).toBe(1);
    expect(forgedCatchUp.out).toContain(`seq ${r.incSeq + 1}`);
    expect(serverHead(r.data).seq).toBe(r.incSeq);

    // The honest workstation: the signed part is taken, the unsigned tail reported as the gap.
    const signed = await ok(['backup', 'catch-up', '--data', r.data, '--region', REGION, '--replica', r.replica.file, '--key-file', r.replica.keyFile, '--root', root]);
    const head = serverHead(r.data).seq;
    expect(head).toBeGreaterThan(r.incSeq);
    expect(signed).toContain(`newest signed checkpoint in the replica: ${head}`);
    const client = replicaHead(r.replica);
    if (client.seq > head) expect(signed).toContain(`gap: the replica holds ${client.seq - head} event(s) after seq ${head}`);
    await ok(['audit', 'verify', '--data', r.data, '--root', root]);
    expect(existsSync(`${r.data}.ransomed`)).toBe(true);
  }, 240_000);
});
