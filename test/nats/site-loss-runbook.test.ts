import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createEventReader } from '../../src/core/log/event-rows';
import { readKeyFile } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { regionStateHash } from '../../src/core/replica/state-hash';
import { directSink } from '../../src/core/sync/direct-sink';
import { RegionLink } from '../../src/core/sync/region-link';
import type { RegionalServer } from '../../src/core/regional/regional-server';
import { CommandClient } from '../commands/support/command-client';
import { commandNet, REGION, type CommandNet } from '../commands/support/officers';
import { issueDraft } from '../sync/support/drafts';
import { spawnInrs, type InrsProcess } from '../sync/support/inrs-process';
import { waitFor } from '../sync/support/wait';
import { describeWithNats, NATS_SERVER } from './nats-cluster';
import { startNationalCluster, startRegionCluster, type NatsCluster } from './linked-clusters';

/*
 * The README's "Runbook: site losses on the JetStream tier", step by step: Hunan on its own
 * 3-node cluster with two servers (sites 1 and 2), the national cluster linked to it by leafnodes
 * holding its mirror, a server on that mirror and a national workstation. Every operator step is
 * the command the runbook names; the regional servers run in this process.
 */
const dir = mkdtempSync(join(tmpdir(), 'inrs-site-loss-'));
let national: NatsCluster;
let region: NatsCluster;
let cn: CommandNet;
let siteB: RegionalServer;
let identityB: string;
let dataB: string;
let mirrorServer: { process: InrsProcess; url: string } | null = null;
let mirrorData: string;
let mirrorIdentity: string;
let backup: { full: string; key: string };
/** Every seq a server acknowledged, with the hash of the event it answered for. */
const acknowledged = new Map<number, string>();
/** The national workstation: replica, key, sync config. */
let workstation: { file: string; keyFile: string; config: string };
/** Writes the workstation's sync config with these server URLs for Hunan. */
let syncConfig: (urls: string[]) => void;

// Checkpoints only when a step signs one, so the runbook knows which seqs a signature covers.
const quietCheckpoints = { checkpointSeconds: 3600, checkpointEvery: 1_000_000 };

beforeAll(async () => {
  if (!NATS_SERVER) return;
  national = await startNationalCluster(dir);
  region = await startRegionCluster(join(dir, 'region'), REGION, national);
  cn = await commandNet({ logUrl: region.url, ...quietCheckpoints });
  identityB = cn.net.issue({ kind: 'server', region: REGION, name: 'hunan-site-2' });
  dataB = cn.net.seededStore(REGION);
  siteB = await cn.net.server(REGION, dataB, { logUrl: region.url, identityFile: identityB, ...quietCheckpoints });
  mirrorIdentity = cn.net.issue({ kind: 'server', region: REGION, name: 'national-mirror-430000' });
  mirrorData = join(dir, 'mirror-data');
  const replica = cn.net.replicaFile();
  const rel = (p: string) => relative(cn.net.dir, p);
  workstation = { file: replica.file, keyFile: replica.keyFile, config: join(cn.net.dir, 'national-ws.json') };
  syncConfig = (urls: string[]) =>
    writeFileSync(workstation.config, JSON.stringify({ replica: rel(replica.file), keyFile: rel(replica.keyFile), identity: rel(cn.commander.p12), rootCert: rel(join(cn.net.trustDir, 'root.crt')), regions: { [REGION]: { urls } } }));
}, 90_000);

afterAll(async () => {
  mirrorServer?.process.child.kill('SIGKILL');
  await cn?.net.close();
  region?.stop();
  national?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs one operator command; one that has not finished within `timeoutMs` is killed and fails. */
async function inrs(args: string[], timeoutMs = 90_000): Promise<string[]> {
  const child = spawnInrs(args);
  const timer = setTimeout(() => child.child.kill('SIGKILL'), timeoutMs);
  const exit = await child.exited.finally(() => clearTimeout(timer));
  if (exit.code !== 0) throw new Error(`inrs ${args.join(' ')} exited ${exit.code ?? exit.signal}:\n${child.tail()}`);
  return child.stdout.filter(Boolean);
}

const root = () => join(cn.net.trustDir, 'root.crt');

/** `inrs server --mirror …`: the national site's server of Hunan, read-only. */
async function startMirrorServer(): Promise<void> {
  const child = spawnInrs([
    'server', '--mirror', national.url, '--region', REGION, '--data', mirrorData, '--trust', cn.net.trustDir, '--identity', mirrorIdentity, '--port', '0',
    '--seed-scale', cn.net.seed.scale, '--seed', String(cn.net.seed.seed), '--as-of', cn.net.seed.asOf,
  ]);
  const line = await child.waitForLine(/^listening wss:\/\//, 60_000);
  mirrorServer = { process: child, url: line.slice('listening '.length) };
}

async function stopMirrorServer(signal: NodeJS.Signals): Promise<void> {
  if (!mirrorServer) return;
  mirrorServer.process.child.kill(signal);
  await mirrorServer.process.exited;
  mirrorServer = null;
}

/** Movements through `server` by the depot operator, each sent again while the cluster answers `unavailable`. */
async function movements(server: RegionalServer, label: string, count: number): Promise<number[]> {
  const client = await CommandClient.connect({ ...cn, server }, cn.operator);
  const seqs: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const id = `site-loss-${label}-${i}`;
      for (let attempt = 0; ; attempt++) {
        const draft = issueDraft(server.store.replica.db, REGION, { depot: cn.operatorDepot, recipient: id });
        const result = await client.command(id, { type: 'command', commandId: id, kind: 'record-event', draft });
        if (result.status === 'accepted' && result.seq) {
          await waitFor(() => server.store.head().seq >= result.seq!, `seq ${result.seq} projected`);
          acknowledged.set(result.seq, server.store.hashAt(result.seq) ?? '');
          seqs.push(result.seq);
          break;
        }
        expect(result, JSON.stringify(result)).toMatchObject({ status: 'refused', code: 'unavailable' });
        expect(attempt).toBeLessThan(100);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    return seqs;
  } finally {
    client.close();
  }
}

/** The workstation's replica: its head, state hash and newest checkpoint of the region. */
function workstationView() {
  const ws = openReplica(workstation.file, readKeyFile(workstation.keyFile), { readonly: true });
  try {
    const checkpoint = ws.db.prepare<[string], number | null>('SELECT MAX(seq) FROM checkpoints WHERE region = ?').pluck().get(REGION) ?? null;
    const hashes = new Map(createEventReader(ws.db).from(REGION, 1, 1_000_000).map((e) => [e.seq, e.hash]));
    return { head: ws.projector.headOf(REGION), state: regionStateHash(ws.db, REGION), checkpoint, hashes };
  } finally {
    ws.close();
  }
}

/** `inrs sync --once` until the workstation holds `seq` and a relayed checkpoint at `checkpoint`. */
async function syncWorkstation(seq: number, checkpoint: number) {
  let last = '';
  for (const until = Date.now() + 60_000; ; ) {
    // A sync that cannot reach a live server is cut short and tried again.
    last = await inrs(['sync', '--config', workstation.config, '--once'], 20_000).then((out) => out.join('\n'), (err: Error) => err.message);
    const view = workstationView();
    if (view.head.seq >= seq && (view.checkpoint ?? 0) >= checkpoint) return view;
    if (Date.now() > until) {
      const status = await inrs(['mirror', 'status', '--national', national.url]).catch((err: Error) => [err.message]);
      throw new Error(`the national workstation is at seq ${view.head.seq}, checkpoint ${view.checkpoint}, not ${seq} and ${checkpoint}; the last sync said:\n${last}\nmirror: ${status.join('\n')}\nmirror server: ${mirrorServer?.process.stderr.filter((l) => !/session (opened|closed)/.test(l)).slice(-20).join('\n') ?? 'down'}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

const mirrorCatchUp = (extra: string[] = []) => inrs(['mirror', 'catch-up', '--national', national.url, '--region', REGION, '--timeout-seconds', '60', ...extra]);

describeWithNats('runbook: site losses on the JetStream tier', () => {
  it('(a) the national mirror keeps in sync with the region under writes, and serves a national workstation', async () => {
    expect(await inrs(['mirror', 'create', '--national', national.url, '--region', REGION])).toEqual([`region ${REGION}: created INRS_MIRROR_${REGION}, INRS_MIRROR_LEDGER_${REGION}`]);
    await startMirrorServer();
    // Writes through both sites while the mirror follows.
    const writing = Promise.all([movements(cn.server, 'a-site1', 25), movements(siteB, 'a-site2', 25)]);
    const during = JSON.parse((await inrs(['mirror', 'status', '--national', national.url, '--json'])).join('\n')) as { region: string; mirrorSeq: number; regionSeq: number; lag: number }[];
    expect(during).toHaveLength(1);
    expect(during[0]).toMatchObject({ region: REGION, problem: null });
    expect(during[0]!.lag).toBe(during[0]!.regionSeq - during[0]!.mirrorSeq);
    await writing;
    await waitFor(() => siteB.store.head().seq === Math.max(...acknowledged.keys()), 'site 2 at the last acknowledged seq');
    const head = siteB.store.head();
    const signed = siteB.checkpoint();
    expect(signed?.seq).toBe(head.seq);
    expect((await mirrorCatchUp())[0]).toMatch(new RegExp(`mirror at seq ${head.seq} `));
    expect((await inrs(['mirror', 'status', '--national', national.url, '--region', REGION]))[0]).toMatch(new RegExp(`^${REGION}  mirror ${head.seq}  region ${head.seq}  lag 0  last heard \\d+ ms ago  ledger \\d+$`));

    // The national workstation syncs from the mirror server: the region's seqs, hashes, state and signed checkpoint.
    syncConfig([mirrorServer!.url]);
    const view = await syncWorkstation(head.seq, head.seq);
    expect(view.head).toEqual(head);
    expect(view.state).toBe(siteB.store.stateHash());
    for (const [seq, hash] of acknowledged) expect(view.hashes.get(seq)).toBe(hash);

    // The offline backup of site 2's folder, taken while it serves (used in step d).
    backup = { full: join(dir, 'full.inrsbak'), key: join(dir, 'backup.key') };
    await inrs(['backup', 'create', '--data', dataB, '--out', backup.full, '--backup-key', backup.key, '--identity', identityB]);
  }, 180_000);

  it('(b) loss of one site: the other server keeps taking commands, clients fail over, nothing acknowledged is lost', async () => {
    const replica = cn.net.replica();
    const link = new RegionLink({
      region: REGION,
      urls: [cn.server.url, siteB.url],
      identity: cn.net.clientIdentity('duty-officer', REGION),
      rootPem: cn.net.rootPem,
      sink: directSink(replica),
      clientId: 'site-loss-client',
      onState: () => undefined,
      log: (line) => cn.net.logs.push(`link: ${line}`),
      random: () => Math.random() * 0.2,
    });
    link.start();
    try {
      await link.whenLive();
      expect(link.current.server).toBe(cn.server.url);
      // Site 1 is lost: its server and its node at once, while site 2 is being written to.
      const writing = movements(siteB, 'b-during', 20);
      await waitFor(() => acknowledged.size >= 55, 'writes under way');
      await cn.server.close();
      region.kill(region.nodes[0]!.name);
      await writing;
      const after = await movements(siteB, 'b-after', 10);
      const head = siteB.store.head();
      expect(after.at(-1)).toBe(head.seq);
      await waitFor(() => link.current.server === siteB.url && link.current.status === 'live' && link.current.cursor === head.seq, 'the client live on site 2 at its head', 60_000);
      // Every seq acknowledged by either site holds the event answered for, on site 2 and on the client.
      for (const [seq, hash] of acknowledged) {
        expect(siteB.store.hashAt(seq)).toBe(hash);
        expect(createEventReader(replica.db).from(REGION, seq, seq)[0]?.hash).toBe(hash);
      }
      expect(regionStateHash(replica.db, REGION)).toBe(siteB.store.stateHash());
    } finally {
      await link.stop();
    }
    // The mirror follows the surviving site.
    expect((await mirrorCatchUp())[0]).toMatch(new RegExp(`mirror at seq ${siteB.store.head().seq} `));
  }, 180_000);

  it('(c) loss of the national site: the region keeps running, and the mirror catches up when it is back', async () => {
    const before = siteB.store.head().seq;
    await stopMirrorServer('SIGKILL');
    national.stop();
    const during = await movements(siteB, 'c-national-down', 10);
    expect(during[0]).toBe(before + 1);
    // The national site comes back: its nodes, then its mirror server on the same folder.
    for (const node of national.nodes) national.restart(node.name);
    await national.ready();
    expect((await mirrorCatchUp())[0]).toMatch(new RegExp(`mirror at seq ${siteB.store.head().seq} `));
    expect((await inrs(['mirror', 'status', '--national', national.url, '--region', REGION]))[0]).toMatch(/ lag 0 /);
    await startMirrorServer();
  }, 180_000);

  it('(d) loss of the region\'s whole cluster: the workstation syncs from the mirror, the region is restored from backup and mirror and verified', async () => {
    // Site 2 signs a checkpoint, then takes more commands that no signature covers yet.
    await movements(siteB, 'd-signed', 5);
    const signed = siteB.checkpoint()!;
    const tail = await movements(siteB, 'd-unsigned', 5);
    const lastHead = siteB.store.head();
    expect(lastHead.seq).toBe(tail.at(-1));
    await mirrorCatchUp();

    // The whole cluster is lost, with its servers and their folders.
    await siteB.close();
    region.stop();
    rmSync(join(dir, 'region'), { recursive: true, force: true });
    expect((await inrs(['mirror', 'status', '--national', national.url, '--region', REGION]))[0]).toMatch(new RegExp(`^${REGION}  mirror ${lastHead.seq}  region unreachable: JetStream domain region-${REGION} does not answer`));

    // 1. The national workstation syncs Hunan from the national mirror server (listed after the region's servers, as it fails over).
    await mirrorServer!.process.waitForLine(new RegExp(`relays the checkpoint of region ${REGION} at seq ${signed.seq}$`), 30_000);
    syncConfig([siteB.url, mirrorServer!.url]);
    const view = await syncWorkstation(lastHead.seq, signed.seq);
    expect(view.head).toEqual(lastHead);
    expect(view.checkpoint).toBe(signed.seq);
    for (const [seq, hash] of acknowledged) expect(view.hashes.get(seq)).toBe(hash);

    // 2. Restore the offline backup into a new folder and prove it.
    const restored = join(dir, 'restored');
    await inrs(['backup', 'verify', '--file', backup.full, '--root', root(), '--backup-key', backup.key]);
    await inrs(['backup', 'restore', '--file', backup.full, '--data', restored, '--backup-key', backup.key, '--root', root()]);
    await inrs(['audit', 'verify', '--data', restored, '--root', root()]);
    // 3. Take from the workstation what the mirror held after the backup, up to the last signed checkpoint.
    const caught = await inrs(['backup', 'catch-up', '--data', restored, '--region', REGION, '--replica', workstation.file, '--key-file', workstation.keyFile, '--root', root()]);
    expect(caught[0]).toMatch(new RegExp(`-> ${signed.seq}; newest signed checkpoint in the replica: ${signed.seq}$`));
    expect(caught[1]).toBe(`gap: the replica holds ${lastHead.seq - signed.seq} event(s) after seq ${signed.seq} that no signed checkpoint covers; not taken (--accept-unsigned-tail takes them)`);
    // 4. Verified against the last signed checkpoint.
    await inrs(['audit', 'verify', '--data', restored, '--root', root()]);
    // 5. The tail is the mirror's copy of what the region acknowledged: the national operator vouches for it.
    const tailTaken = await inrs(['backup', 'catch-up', '--data', restored, '--region', REGION, '--replica', workstation.file, '--key-file', workstation.keyFile, '--root', root(), '--accept-unsigned-tail']);
    expect(tailTaken.join('\n')).toContain(`took ${lastHead.seq - signed.seq} event(s) after the signed checkpoint`);
    await inrs(['audit', 'verify', '--data', restored, '--root', root()]);

    // 6. A new cluster for the region (same domain, linked to the national one), the restored server first.
    region = await startRegionCluster(join(dir, 'region-new'), REGION, national);
    const back = await cn.net.server(REGION, restored, { logUrl: region.url, identityFile: identityB, ...quietCheckpoints });
    expect(back.store.head()).toEqual(lastHead);
    for (const [seq, hash] of acknowledged) expect(back.store.hashAt(seq)).toBe(hash);
    const second = await cn.net.server(REGION, cn.net.seededStore(REGION), { logUrl: region.url, ...quietCheckpoints });
    expect(second.store.head()).toEqual(lastHead);
    const next = await movements(second, 'd-rebuilt', 3);
    expect(next[0]).toBe(lastHead.seq + 1);

    // 7. The mirror follows the rebuilt region from where it stood; its ledger mirror, ahead of the new ledger stream, is renewed.
    expect((await mirrorCatchUp())[0]).toMatch(new RegExp(`mirror at seq ${next.at(-1)} `));
    expect((await inrs(['mirror', 'status', '--national', national.url, '--region', REGION]))[0]).toMatch(/ a new stream \(a rebuilt region\); renew its mirror with inrs mirror create --renew-ledger\)$/);
    expect(await inrs(['mirror', 'create', '--national', national.url, '--region', REGION, '--renew-ledger'])).toEqual([`region ${REGION}: created INRS_MIRROR_LEDGER_${REGION}`]);
    expect((await inrs(['mirror', 'status', '--national', national.url, '--region', REGION]))[0]).toMatch(/ ledger \d+$/);
    back.checkpoint();
    const final = await syncWorkstation(next.at(-1)!, next.at(-1)!);
    expect(final.head).toEqual(back.store.head());
    expect(final.state).toBe(back.store.stateHash());
  }, 300_000);
});
