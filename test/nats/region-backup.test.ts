import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { streamName } from '../../src/core/regional/log/jetstream-log';
import type { RegionalServer } from '../../src/core/regional/regional-server';
import { readKeyFile } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { CommandClient, type CommandResult } from '../commands/support/command-client';
import { commandNet, REGION, type CommandNet } from '../commands/support/officers';
import { issueDraft } from '../sync/support/drafts';
import { spawnInrs } from '../sync/support/inrs-process';
import { waitFor } from '../sync/support/wait';
import { describeWithNats, NATS_SERVER, startNatsCluster } from './nats-cluster';

/*
 * A region on a JetStream cluster loses the whole cluster: its servers' offline backup (taken with
 * `inrs backup create` while they ran) is restored into a new folder, a server on a new cluster
 * hands the restored log to the new, empty stream, a second server joins, commands and the command
 * ledger span both again, a workstation syncs, and `inrs audit verify` passes.
 */
const dir = mkdtempSync(join(tmpdir(), 'inrs-nats-backup-'));
let cn: CommandNet;
let old: Awaited<ReturnType<typeof startNatsCluster>>;
let fresh: Awaited<ReturnType<typeof startNatsCluster>> | null = null;
/** What the first test leaves running on the new cluster, for the drill after it. */
let onFresh: { first: RegionalServer; second: RegionalServer; restored: string; serverP12: string; backupKey: string } | null = null;

beforeAll(async () => {
  if (!NATS_SERVER) return;
  old = await startNatsCluster(join(dir, 'old'));
  await old.ready();
  cn = await commandNet({ logUrl: old.url });
}, 60_000);

afterAll(async () => {
  await cn?.net.close();
  old?.stop();
  fresh?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function inrs(args: string[]): Promise<string> {
  const child = spawnInrs(args);
  const exit = await child.exited;
  const out = [...child.stdout, ...child.stderr].join('\n');
  if (exit.code !== 0) throw new Error(`inrs ${args.join(' ')} exited ${exit.code}:\n${out}`);
  return out;
}

/** One movement through `server` as the depot operator; `quantity` beyond stock is refused. */
async function movement(server: RegionalServer, id: string, quantity = 1): Promise<CommandResult> {
  const client = await CommandClient.connect({ ...cn, server }, cn.operator);
  try {
    const draft = issueDraft(server.store.replica.db, REGION, { depot: cn.operatorDepot, recipient: id, quantity });
    return await client.command(id, { type: 'command', commandId: id, kind: 'record-event', draft });
  } finally {
    client.close();
  }
}

const audited = (server: RegionalServer, commandId: string) =>
  server.store.replica.db.prepare<[string], number>('SELECT count(*) FROM command_audit WHERE command_id = ?').pluck().get(commandId) ?? 0;

async function streamHead(url: string): Promise<{ seq: number; hash: string }> {
  const nc = await connect({ servers: url.slice('nats://'.length).split(',') });
  try {
    const jsm = await jetstreamManager(nc);
    const seq = (await jsm.streams.info(streamName(REGION))).state.last_seq;
    const msg = await jsm.streams.getMessage(streamName(REGION), { seq });
    return { seq, hash: (msg?.json<{ hash: string }>().hash ?? '') };
  } finally {
    await nc.close();
  }
}

describeWithNats('restoring a JetStream-backed region after the loss of its whole cluster', () => {
  it('backs up a server of the stream, seeds a new cluster from the restore, and the region runs on', async () => {
    const root = join(cn.net.trustDir, 'root.crt');
    const serverP12 = cn.net.issue({ kind: 'server', region: REGION, name: 'hunan-b' });
    const dataB = cn.net.seededStore(REGION);
    const serverB = await cn.net.server(REGION, dataB, { logUrl: old.url, identityFile: serverP12 });

    // Movements through both servers, and a refusal on A that reaches B only through the ledger stream.
    for (let i = 0; i < 3; i++) {
      expect(await movement(cn.server, `backup-a-${i}`)).toMatchObject({ status: 'accepted' });
      expect(await movement(serverB, `backup-b-${i}`)).toMatchObject({ status: 'accepted' });
    }
    expect(await movement(cn.server, 'backup-a-too-much', 100_000_000)).toMatchObject({ status: 'refused' });
    await waitFor(() => serverB.store.head().hash === cn.server.store.head().hash && audited(serverB, 'backup-a-too-much') > 0, 'B holds every event and A\'s refusal');

    // The offline backup, taken while B serves; its head is the stream's at that seq.
    const backupKey = join(dir, 'backup.key');
    const full = join(dir, 'full.inrsbak');
    await inrs(['backup', 'create', '--data', dataB, '--out', full, '--backup-key', backupKey, '--identity', serverP12]);
    const manifest = JSON.parse((JSON.parse(readFileSync(`${full}.manifest.json`, 'utf8')) as { manifest: string }).manifest) as { lastSeq: number; headHash: string };
    expect(manifest.lastSeq).toBe(serverB.store.head().seq);
    const before = await streamHead(old.url);
    expect(before).toEqual({ seq: manifest.lastSeq, hash: manifest.headHash });

    // The whole cluster is lost, with both servers.
    await cn.server.close();
    await serverB.close();
    old.stop();
    rmSync(join(dir, 'old'), { recursive: true, force: true });

    // A new cluster; the backup restored into a new folder and proved before anything starts on it.
    fresh = await startNatsCluster(join(dir, 'new'));
    await fresh.ready();
    const restored = join(dir, 'restored');
    await inrs(['backup', 'restore', '--file', full, '--data', restored, '--backup-key', backupKey, '--root', root]);
    await inrs(['audit', 'verify', '--data', restored, '--root', root]);

    // The restored server hands its log to the new, empty stream; a second server joins from a seeded folder.
    const first = await cn.net.server(REGION, restored, { logUrl: fresh.url, identityFile: serverP12 });
    expect(await streamHead(fresh.url)).toEqual({ seq: manifest.lastSeq, hash: manifest.headHash });
    const second = await cn.net.server(REGION, cn.net.seededStore(REGION), { logUrl: fresh.url });
    expect(second.store.head()).toEqual(first.store.head());
    expect(second.store.stateHash()).toBe(first.store.stateHash());

    // Commands go on from the restored head, and the new ledger stream spans both servers again.
    expect(await movement(first, 'after-restore-1')).toMatchObject({ status: 'accepted', seq: manifest.lastSeq + 1 });
    expect(await movement(second, 'after-restore-2')).toMatchObject({ status: 'accepted', seq: manifest.lastSeq + 2 });
    expect(await movement(second, 'after-restore-too-much', 100_000_000)).toMatchObject({ status: 'refused' });
    await waitFor(() => first.store.head().hash === second.store.head().hash && audited(first, 'after-restore-too-much') > 0, 'the restored server holds the second one\'s events and refusal');
    // What the backup held of the old ledger is still there.
    expect(audited(first, 'backup-a-too-much')).toBeGreaterThan(0);

    // A workstation syncs from the second server, at the same head.
    const replica = cn.net.replicaFile();
    const clientP12 = cn.net.issue({ kind: 'client', region: REGION, role: 'duty-officer', name: 'restore-workstation' });
    const rel = (p: string) => relative(cn.net.dir, p);
    const config = join(cn.net.dir, 'restore-sync.json');
    writeFileSync(config, JSON.stringify({ replica: rel(replica.file), keyFile: rel(replica.keyFile), identity: rel(clientP12), rootCert: rel(root), regions: { [REGION]: { urls: [`wss://127.0.0.1:${new URL(second.url).port}`] } } }));
    await inrs(['sync', '--config', config, '--once']);
    const head = first.store.head();
    const ws = openReplica(replica.file, readKeyFile(replica.keyFile), { readonly: true });
    try {
      expect(ws.projector.headOf(REGION)).toEqual(head);
    } finally {
      ws.close();
    }

    await inrs(['audit', 'verify', '--replica', replica.file, '--key-file', replica.keyFile, '--root', root]);
    onFresh = { first, second, restored, serverP12, backupKey };
  }, 240_000);

  it('restore drill on a running cluster: a server loses its folder, comes back from full + incremental, and reads back what it decided after them', async () => {
    if (!onFresh || !fresh) throw new Error('needs the region the test before left running');
    const { first, second, restored, serverP12, backupKey } = onFresh;
    const root = join(cn.net.trustDir, 'root.crt');
    const full = join(dir, 'drill-full.inrsbak');
    const inc = join(dir, 'drill-inc.inrsbak');
    await inrs(['backup', 'create', '--data', restored, '--out', full, '--backup-key', backupKey, '--identity', serverP12]);
    // Between the two backups: the other server's movement and refusal, which the first one projects.
    expect(await movement(second, 'drill-between')).toMatchObject({ status: 'accepted' });
    expect(await movement(second, 'drill-between-too-much', 100_000_000)).toMatchObject({ status: 'refused' });
    await waitFor(() => first.store.head().hash === second.store.head().hash && audited(first, 'drill-between-too-much') > 0, 'the first server holds the other\'s refusal');
    await inrs(['backup', 'create', '--data', restored, '--out', inc, '--backup-key', backupKey, '--identity', serverP12, '--incremental-from', `${full}.manifest.json`]);
    // After the last backup: the first server's own refusal (on the ledger stream only) and a movement.
    expect(await movement(first, 'drill-after-too-much', 100_000_000)).toMatchObject({ status: 'refused' });
    expect(await movement(first, 'drill-after')).toMatchObject({ status: 'accepted' });
    await waitFor(() => audited(second, 'drill-after-too-much') > 0, 'the other server holds the first one\'s refusal');

    // The first server's folder is lost; restored from the backups into a new one, it rejoins the same cluster.
    const earlier = ['drill-between-too-much', 'after-restore-too-much', 'backup-a-too-much'];
    const auditRowsBefore = earlier.map((id) => audited(first, id));
    await first.close();
    rmSync(restored, { recursive: true, force: true });
    const again = join(dir, 'restored-again');
    await inrs(['backup', 'restore', '--file', `${full},${inc}`, '--data', again, '--backup-key', backupKey, '--root', root]);
    await inrs(['audit', 'verify', '--data', again, '--root', root]);
    const back = await cn.net.server(REGION, again, { logUrl: fresh.url, identityFile: serverP12 });
    await waitFor(() => back.store.head().hash === second.store.head().hash && audited(back, 'drill-after-too-much') > 0, 'the restored server at the head, its own refusal read back');
    expect(back.store.stateHash()).toBe(second.store.stateHash());
    // What the backups held is there once, not read again from the ledger stream.
    expect(earlier.map((id) => audited(back, id))).toEqual(auditRowsBefore);
    // The next seq is read before sending: once accepted, the other server may already hold it.
    const next = second.store.head().seq + 1;
    expect(await movement(back, 'drill-rejoined')).toMatchObject({ status: 'accepted', seq: next });

    await back.close();
    await second.close();
    await inrs(['audit', 'verify', '--data', again, '--root', root]);
  }, 240_000);
});
