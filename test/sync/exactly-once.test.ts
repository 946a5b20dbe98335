import { copyFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spkiPin } from '../../src/core/pki';
import { openRegionalStore } from '../../src/core/regional/regional-store';
import type { RegionalServer } from '../../src/core/regional/regional-server';
import { openReplica } from '../../src/core/replica/replica';
import { directSink } from '../../src/core/sync/direct-sink';
import type { LinkIdentity } from '../../src/core/sync/region-link';
import { SyncManager } from '../../src/core/sync/sync-manager';
import type { LinkState } from '../../src/shared/contract/sync-schemas';
import { EVENTS_PER_FRAME } from '../../src/shared/protocol/frames';
import { TestNetwork } from './network';
import { spawnInrs, type InrsProcess } from './support/inrs-process';
import { freePort } from './support/ports';
import { seededRandom, seedFrom } from './support/random';
import { inspectReplica, serverStateHashesAt } from './support/reference';
import { waitFor, within } from './support/wait';

/*
 * Exactly-once delivery under crashes: SIGKILL the headless client (the real `inrs sync`
 * process) in the middle of a catch-up of at least ten thousand events, again and again, and
 * then SIGKILL the regional server (the real `inrs server` process) likewise. After every kill
 * the replica is intact, holds exactly a prefix of the server's log, and is in the server's
 * state at that prefix; after the last, it converges to the server. Kill timings come from a
 * seeded PRNG: set EXACTLY_ONCE_SEED to replay a run.
 */
const REGION = '430000';
const SEED = { scale: 'demo' as const, seed: 7, asOf: '2026-06-01T00:00:00.000Z' };
const CLIENT_ROUNDS = 20;
const SERVER_ROUNDS = 5;
/** A round starts a fresh replica when less than this is left to catch up. */
const MIN_CATCH_UP = 10_000;
const seed = seedFrom('EXACTLY_ONCE_SEED');
const random = seededRandom(seed);
const PROGRESS = new RegExp(`\\[${REGION}\\] ([a-z-]+) cursor (\\d+)`);

let net: TestNetwork;
let serverP12: string;
let clientP12: string;
let client: LinkIdentity;
let pin: string;
const children: InrsProcess[] = [];

beforeAll(() => {
  net = new TestNetwork(SEED);
  // Both identities before any server starts: its CRL set then covers their intermediates.
  serverP12 = net.issue({ kind: 'server', region: REGION, name: 'exactly-once-server' });
  clientP12 = net.issue({ kind: 'client', region: REGION, role: 'duty-officer', name: 'exactly-once-client' });
  client = net.identity(clientP12);
  pin = spkiPin(net.identity(serverP12).chainPem[0] as string);
  process.stdout.write(`exactly-once: EXACTLY_ONCE_SEED=${seed}\n`);
});

afterAll(async () => {
  for (const child of children) if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exited));
  await net?.close();
});

/** A config file for `inrs sync`, paths relative to it (as an operator would write it). */
function syncConfig(name: string, replicaFile: string, keyFile: string, url: string, clientId: string): string {
  const file = join(net.dir, `${name}.json`);
  const rel = (p: string) => relative(net.dir, p);
  const config = {
    replica: rel(replicaFile),
    keyFile: rel(keyFile),
    identity: rel(clientP12),
    rootCert: rel(join(net.trustDir, 'root.crt')),
    clientId,
    regions: { [REGION]: { urls: [url], pins: [pin] } },
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

function spawnTracked(args: string[]): InrsProcess {
  const child = spawnInrs(args);
  children.push(child);
  return child;
}

interface ClientRound {
  round: number;
  replica: string;
  from: number;
  killAt: number;
  cursor: number;
  acked: number;
  events: number;
  integrity: string;
  stateHash: string;
}

describe('exactly-once delivery when the client is killed', () => {
  it(`SIGKILL of \`inrs sync\` during a catch-up of ≥${MIN_CATCH_UP} events, ${CLIENT_ROUNDS} rounds: every replica is a consistent prefix`, async () => {
    // The highest seq each client acknowledged, as the server saw it.
    const acked = new Map<string, number>();
    const server: RegionalServer = await net.server(REGION, net.seededStore(REGION), {
      identityFile: serverP12,
      onAck: (clientId, _region, seq) => acked.set(clientId, Math.max(acked.get(clientId) ?? 0, seq)),
    });
    const head = server.store.head().seq;
    expect(head).toBeGreaterThanOrEqual(MIN_CATCH_UP);
    const template = net.replicaFile();
    const rounds: ClientRound[] = [];
    const sessionLines = (kind: 'opened' | 'closed') => net.logs.filter((l) => l.startsWith(`session ${kind}: CN=exactly-once-client,`)).length;

    let replica = { file: '', cursor: head };
    let chain = 0;
    for (let round = 0; round < CLIENT_ROUNDS; round++) {
      // Resume the killed replica while enough is left to catch up; otherwise start a new one.
      if (head - replica.cursor < MIN_CATCH_UP) {
        replica = { file: join(net.dir, `killed-replica-${chain++}.db`), cursor: 0 };
        copyFileSync(template.file, replica.file);
      }
      const from = replica.cursor;
      // Somewhere in the first half of what is left (so the kill lands well before the end), plus 0-30 ms.
      const killAt = from + Math.floor(random() * 0.5 * (head - from));
      const delayMs = Math.floor(random() * 30);
      const clientId = `exactly-once-${round}`;
      const config = syncConfig(`sync-round-${round}`, replica.file, template.keyFile, server.url, clientId);

      const child = spawnTracked(['sync', '--config', config]);
      let triggered = false;
      child.onStderr((line) => {
        const m = PROGRESS.exec(line);
        if (!triggered && m && Number(m[2]) >= killAt) {
          triggered = true;
          setTimeout(() => child.child.kill('SIGKILL'), delayMs);
        }
      });
      const exit = await within(child.exited, 30_000, `round ${round}: the client to be killed (kill at ${killAt})\n${child.tail()}`);
      expect(exit, child.tail()).toEqual({ code: null, signal: 'SIGKILL' });
      // The server has read whatever the client acknowledged before it died.
      await waitFor(() => sessionLines('opened') === sessionLines('closed'), 'the server to close the killed session', 10_000);

      const reopened = openReplica(replica.file, template.key);
      const seen = inspectReplica(reopened.db, REGION);
      reopened.close();
      const row: ClientRound = {
        round,
        replica: `#${chain - 1}`,
        from,
        killAt,
        cursor: seen.cursor,
        acked: acked.get(clientId) ?? 0,
        events: seen.events,
        integrity: seen.integrity,
        stateHash: seen.stateHash,
      };
      rounds.push(row);
      expect(seen.integrity, `round ${round}`).toBe('ok');
      // Exactly a prefix of the log: the cursor's events, each once, gap-free.
      expect(seen.events, `round ${round}`).toBe(seen.cursor);
      expect(seen.maxSeq, `round ${round}`).toBe(seen.cursor);
      // Nothing acknowledged is lost, nothing goes backwards, and the kill came mid-catch-up.
      expect(seen.cursor, `round ${round}`).toBeGreaterThanOrEqual(row.acked);
      expect(seen.cursor, `round ${round}`).toBeGreaterThanOrEqual(from);
      expect(seen.cursor, `round ${round}: killed after the catch-up ended`).toBeLessThan(head);
      expect(seen.cursor === head || seen.cursor % EVENTS_PER_FRAME === 0, `round ${round}: a whole number of batches`).toBe(true);
      replica.cursor = seen.cursor;
    }

    // Each replica is in the server's own state at its cursor.
    const reference = serverStateHashesAt(server.store.replica.db, REGION, rounds.map((r) => r.cursor), net.dir);
    for (const row of rounds) expect(row.stateHash, `round ${row.round} at cursor ${row.cursor}`).toBe(reference.get(row.cursor));
    process.stdout.write(
      `exactly-once (client killed), seed ${seed}, head ${head}:\n${rounds
        .map((r) => `  round ${String(r.round).padStart(2)} replica ${r.replica}: from ${r.from}, kill at ≥${r.killAt} → cursor ${r.cursor} (server saw ack ${r.acked})`)
        .join('\n')}\n`,
    );

    // Then the last one runs to completion.
    const last = syncConfig('sync-final', replica.file, template.keyFile, server.url, 'exactly-once-final');
    const final = spawnTracked(['sync', '--config', last, '--once']);
    const exit = await within(final.exited, 60_000, `the final --once run\n${final.tail()}`);
    expect(exit, final.tail()).toEqual({ code: 0, signal: null });
    const states = JSON.parse(final.stdout.filter((l) => l.startsWith('[')).at(-1) ?? '[]') as LinkState[];
    expect(states).toMatchObject([{ region: REGION, status: 'live', cursor: head }]);
    const done = openReplica(replica.file, template.key);
    const seen = inspectReplica(done.db, REGION);
    done.close();
    expect(seen).toMatchObject({ integrity: 'ok', cursor: head, events: head, maxSeq: head, stateHash: server.store.stateHash() });
  }, 300_000);
});

describe('exactly-once delivery when the server is killed', () => {
  it(`SIGKILL of \`inrs server\` during the catch-up, ${SERVER_ROUNDS} rounds: the client reconnects and converges, nothing doubled`, async () => {
    const port = await freePort();
    const dataDir = join(net.dir, 'child-server-store');
    const serverArgs = ['server', '--region', REGION, '--data', dataDir, '--trust', net.trustDir, '--identity', serverP12, '--port', String(port)];
    const seedArgs = ['--seed-scale', SEED.scale, '--seed', String(SEED.seed), '--as-of', SEED.asOf];
    const startServer = async (): Promise<InrsProcess> => {
      const child = spawnTracked([...serverArgs, ...seedArgs]);
      await child.waitForLine(new RegExp(`^listening wss://127\\.0\\.0\\.1:${port}$`), 90_000);
      return child;
    };
    let server = await startServer();

    const replica = net.replica();
    const states: LinkState[] = [];
    const kills: { threshold: number; at: number | null; after: number }[] = [];
    let cursorWentBack = false;
    const manager = new SyncManager({
      regions: { [REGION]: { urls: [`wss://127.0.0.1:${port}`], pins: [pin] } },
      identity: client,
      rootPem: net.rootPem,
      sink: directSink(replica),
      clientId: 'exactly-once-in-process',
      onState: (s) => {
        const previous = states.at(-1);
        if (previous && s.cursor < previous.cursor) cursorWentBack = true;
        states.push(s);
        const plan = kills[kills.length - 1];
        if (plan && plan.at === null && s.status === 'catching-up' && s.cursor >= plan.threshold) {
          plan.at = s.cursor;
          server.child.kill('SIGKILL');
        }
      },
    });
    const link = manager.links.get(REGION);
    if (!link) throw new Error('no link');
    const head = () => states.find((s) => s.headSeq !== null)?.headSeq ?? 0;

    try {
      manager.start();
      await waitFor(() => head() > 0, 'the welcome from the server', 30_000);
      const total = head();
      expect(total).toBeGreaterThanOrEqual(MIN_CATCH_UP);
      for (let round = 0; round < SERVER_ROUNDS; round++) {
        // Spread over the log, each a little after wherever the client resumed.
        const planned = Math.floor(((round + 0.2 + 0.5 * random()) / (SERVER_ROUNDS + 1)) * total);
        kills.push({ threshold: Math.max(planned, link.current.cursor + 1), at: null, after: 0 });
        const exit = await within(server.exited, 60_000, `round ${round}: the server to be killed`);
        expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
        await waitFor(() => link.current.status === 'stale', 'the link to notice the server is gone', 20_000);
        const plan = kills[round] as { after: number };
        plan.after = link.current.cursor;
        expect(link.current.cursor, `round ${round}: killed during the catch-up`).toBeLessThan(total);
        server = await startServer();
      }
      await within(link.whenLive(), 60_000, 'the link to catch up after the last restart');
      await waitFor(() => link.current.cursor === total, 'the cursor at the head', 20_000);
      // A clean stop while the client is still connected ends the server promptly.
      server.child.kill('SIGTERM');
      expect(await within(server.exited, 15_000, 'the server to stop on SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await manager.stop();
    }

    process.stdout.write(
      `exactly-once (server killed), seed ${seed}:\n${kills.map((k, i) => `  round ${i}: kill at cursor ≥${k.threshold} → killed at ${k.at}, link stale at ${k.after}`).join('\n')}\n`,
    );
    expect(kills.every((k) => k.at !== null)).toBe(true);
    expect(cursorWentBack).toBe(false);
    const store = openRegionalStore(dataDir, REGION);
    try {
      const seen = inspectReplica(replica.db, REGION);
      expect(seen.integrity).toBe('ok');
      // Nothing doubled, nothing missing: as many events as the server's head, and its state.
      expect(seen).toMatchObject({ cursor: store.head().seq, events: store.head().seq, maxSeq: store.head().seq, stateHash: store.stateHash() });
      expect(replica.projector.headOf(REGION)).toEqual(store.head());
    } finally {
      store.close();
    }
  }, 300_000);
});
