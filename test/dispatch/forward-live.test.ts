import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyFile } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { ReplicaClient } from '../../src/core/replica/replica-client';
import { seedInto } from '../../src/core/seed/seed-replica';
import { directSink } from '../../src/core/sync/direct-sink';
import { SyncManager } from '../../src/core/sync/sync-manager';
import { workerSink } from '../../src/core/sync/worker-sink';
import { createTraceQueries } from '../../src/core/trace';
import { createCommandSender, type CommandSender } from '../../src/main/host/command-sender';
import { createDispatchService, type DispatchService } from '../../src/main/host/dispatch-service';
import { situationFilterSchema, type InstructionSummary } from '../../src/shared/contract';
import type { InstructionContent } from '../../src/shared/domain/instruction-schema';
import { CommandClient } from '../commands/support/command-client';
import { commandNet, REGION, sign, type CommandNet, type Officer } from '../commands/support/officers';

/**
 * A central instruction passed on by the province to its depots, against a real Hunan regional
 * server (mutual TLS on 127.0.0.1, the project's PKI): the commander issues it, the duty officer
 * acknowledges and forwards it as one depot instruction per depot, each depot's operator
 * acknowledges and moves goods under their own instruction, and the central instruction's
 * status follows: executing, then done once its lines are covered.
 */

const PARENT = 'I-000000-0601-FWD001-430000';
let cn: CommandNet;
let replica: ReplicaClient;
let commanderSync: SyncManager;
let officerSync: SyncManager;
let commanderSender: CommandSender;
let officerSender: CommandSender;
let commander: DispatchService;
let officer: DispatchService;
const clients: CommandClient[] = [];
/** Two Hunan depots that hold stock, each with a lot, and an operator for each. */
const depots: { code: string; lot: string; category: string; operator: Officer }[] = [];

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const listed = async (id: string): Promise<InstructionSummary | undefined> =>
  (await replica.call('instructions', [situationFilterSchema.parse({}), 200])).find((i) => i.id === id);
const listedWith = (id: string, status: InstructionSummary['status']) =>
  waitFor(async () => {
    const i = await listed(id);
    return i?.status === status ? i : undefined;
  }, `${id} ${status} on the workstation's replica`);

async function connect(who: Officer): Promise<CommandClient> {
  const client = await CommandClient.connect(cn, who);
  clients.push(client);
  return client;
}

/** A stock issue recorded by a depot's operator under `instructionId`. */
async function issueUnder(depot: (typeof depots)[number], instructionId: string, quantity: number) {
  const client = await connect(depot.operator);
  const commandId = `issue-${instructionId}-${quantity}`;
  return client.command(commandId, {
    type: 'command',
    commandId,
    kind: 'record-event',
    draft: {
      region: REGION,
      type: 'stock.issued',
      eventTime: new Date().toISOString(),
      actor: { subject: 'ignored', role: 'wall' },
      instructionId,
      payload: { lotId: depot.lot, depot: depot.code, quantity, recipient: '岳阳市应急管理局' },
    },
  });
}

beforeAll(async () => {
  cn = await commandNet();
  const db = cn.server.store.replica.db;
  const stock = db.prepare<[string, string], { depot: string; lot_id: string; category: string }>(
    `SELECT s.depot, s.lot_id, l.category FROM lot_stock s JOIN lots l ON l.id = s.lot_id JOIN depots d ON d.code = s.depot
     WHERE d.region = ? AND s.quantity > 10 AND s.depot <> ? ORDER BY s.depot, s.lot_id LIMIT 1`,
  );
  const first = db
    .prepare<[string], { lot_id: string; category: string }>('SELECT s.lot_id, l.category FROM lot_stock s JOIN lots l ON l.id = s.lot_id WHERE s.depot = ? AND s.quantity > 10 ORDER BY s.lot_id LIMIT 1')
    .get(cn.operatorDepot)!;
  depots.push({ code: cn.operatorDepot, lot: first.lot_id, category: first.category, operator: cn.operator });
  const second = stock.get(REGION, cn.operatorDepot)!;
  const p12 = cn.net.issue({ kind: 'client', region: REGION, role: 'depot-operator', depot: second.depot, name: 'operator-he' });
  depots.push({ code: second.depot, lot: second.lot_id, category: second.category, operator: { ...cn.net.identity(p12), subject: `CN=operator-he,OU=depot-operator,O=${REGION}`, p12 } });

  // The workstation's replica holds the reference log and Hunan, and follows the server.
  const file = join(cn.net.dir, 'workstation.db');
  const key = createKeyFile(`${file}.key`);
  const seeded = openReplica(file, key, { create: true });
  seedInto(seeded, { ...cn.net.seed, regions: ['000000', REGION] });
  seeded.close();
  replica = await ReplicaClient.open({ file, key });
  const links = { [REGION]: { urls: [cn.server.url], pins: [] } };
  commanderSync = new SyncManager({ regions: links, identity: cn.commander, rootPem: cn.net.rootPem, sink: workerSink(replica) });
  officerSync = new SyncManager({ regions: links, identity: cn.officerA, rootPem: cn.net.rootPem, sink: directSink(cn.net.replica()) });
  commanderSync.start();
  officerSync.start();
  await Promise.all([commanderSync.whenAllLive(), officerSync.whenAllLive()]);
  commanderSender = createCommandSender({ sync: commanderSync, identity: cn.commander });
  officerSender = createCommandSender({ sync: officerSync, identity: cn.officerA });
  commander = createDispatchService({ replica, commands: () => commanderSender });
  officer = createDispatchService({ replica, commands: () => officerSender });
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await commander?.dispose();
  await officer?.dispose();
  await officerSync?.stop();
  await commanderSync?.stop();
  await replica?.close();
  await cn?.net.close();
});

describe('forwarding a central instruction to the depots of a province', () => {
  let forwarded: { depot: string; instructionId: string }[] = [];

  it('the commander issues it for Hunan and the duty officer acknowledges it', async () => {
    const central: InstructionContent = {
      id: PARENT,
      kind: 'dispatch',
      level: 'central',
      issuer: cn.commander.subject,
      lines: depots.map((d, k) => ({ category: d.category, quantity: 3 + k, fromDepot: d.code, toRegion: '420000' })),
    };
    expect(await commanderSender.send(REGION, null, { kind: 'instruction.issue', instruction: central })).toMatchObject({ status: 'accepted' });
    // Not before it is acknowledged: the province has not taken it on yet.
    await listedWith(PARENT, 'issued');
    await expect(officer.forward({ region: REGION, instructionId: PARENT })).rejects.toMatchObject({ code: 'bad-request', message: expect.stringContaining(`acknowledge ${PARENT}`) });

    expect(await officer.acknowledge({ region: REGION, instructionId: PARENT })).toMatchObject({ status: 'accepted' });
    await listedWith(PARENT, 'acknowledged');
  });

  it('forwards it as one signed depot instruction per depot, each pointing at the central one', async () => {
    const { results } = await officer.forward({ region: REGION, instructionId: PARENT });
    const sorted = [...depots].sort((a, b) => (a.code < b.code ? -1 : 1));
    expect(results.map((r) => [r.depot, r.instructionId, r.status, r.code])).toEqual(sorted.map((d, k) => [d.code, `${PARENT}-D${k + 1}`, 'accepted', null]));
    forwarded = results.map((r) => ({ depot: r.depot, instructionId: r.instructionId }));

    const stored = cn.server.store.replica.db.prepare<[string], { level: string; issuer: string; parent_id: string; lines: string }>('SELECT level, issuer, parent_id, lines FROM instructions WHERE id = ?');
    for (const f of forwarded) {
      const row = stored.get(f.instructionId)!;
      const d = depots.find((x) => x.code === f.depot)!;
      expect(row).toMatchObject({ level: 'depot', issuer: cn.officerA.subject, parent_id: PARENT });
      expect(JSON.parse(row.lines)).toEqual([{ category: d.category, quantity: 3 + depots.indexOf(d), fromDepot: d.code, toRegion: '420000' }]);
      expect(await listedWith(f.instructionId, 'issued')).toMatchObject({ parentId: PARENT, level: 'depot', depots: [f.depot] });
    }
    expect(await waitFor(async () => ((await listed(PARENT))?.forwarded === 2 ? true : undefined), 'the forwarded count on the replica')).toBe(true);
    const trace = createTraceQueries(cn.server.store.replica.db).instruction(PARENT)!;
    expect(trace.children.map((c) => [c.id, c.parentId, c.level, c.status])).toEqual(forwarded.map((f) => [f.instructionId, PARENT, 'depot', 'issued']));
    expect(trace.instruction.status).toBe('acknowledged');
  });

  it('refuses forwarding again: what the parent allows is already forwarded', async () => {
    const { results } = await officer.forward({ region: REGION, instructionId: PARENT });
    expect(results.length).toBe(2);
    for (const r of results) expect(r).toMatchObject({ status: 'refused', code: 'beyond-parent', reason: expect.stringContaining('of which 0 is not yet forwarded') });
  });

  it('refuses a forward of an unknown parent, lines beyond the parent, and a parent of a lower level', async () => {
    const d = depots[0]!;
    const child = (id: string, changes: Partial<InstructionContent>): InstructionContent => ({
      id,
      kind: 'dispatch',
      level: 'depot',
      issuer: cn.officerA.subject,
      lines: [{ category: d.category, quantity: 1, fromDepot: d.code }],
      parentId: PARENT,
      ...changes,
    });
    const send = (i: InstructionContent) => officerSender.send(REGION, null, { kind: 'instruction.issue', instruction: i });
    const head = cn.server.store.head().seq;

    expect(await send(child('I-FWD-UNKNOWN', { parentId: 'I-000000-NOPE-430000' }))).toMatchObject({ status: 'refused', code: 'unknown-parent', reason: expect.stringContaining('I-000000-NOPE-430000') });
    expect(await send(child('I-FWD-OTHER-CAT', { lines: [{ category: `${d.category}-X`, quantity: 1, fromDepot: d.code }] }))).toMatchObject({
      status: 'refused',
      code: 'beyond-parent',
      reason: `${PARENT} has no line for ${d.category}-X from ${d.code}`,
    });
    expect(await send(child('I-FWD-OTHER-DEPOT', { lines: [{ category: d.category, quantity: 1, fromDepot: 'HN-NOT-NAMED' }] }))).toMatchObject({ status: 'refused', code: 'beyond-parent' });
    expect(await send(child('I-FWD-CENTRAL', { level: 'central' }))).toMatchObject({ status: 'refused', code: 'parent-level' });
    // Forwarding from a depot instruction: nothing is below the depot level.
    expect(await send(child('I-FWD-BELOW-DEPOT', { parentId: forwarded[0]!.instructionId }))).toMatchObject({ status: 'refused', code: 'parent-level' });
    expect(cn.server.store.head().seq).toBe(head);

    // The host refuses an instruction its replica does not know before signing anything.
    await expect(officer.forward({ region: REGION, instructionId: 'I-000000-NOPE-430000' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('beyond-parent also holds for a fresh parent: more than a line allows', async () => {
    const d = depots[1]!;
    const id = 'I-000000-0601-FWD002-430000';
    const central: InstructionContent = { id, kind: 'dispatch', level: 'central', issuer: cn.commander.subject, lines: [{ category: d.category, quantity: 2, fromDepot: d.code }] };
    expect(await commanderSender.send(REGION, null, { kind: 'instruction.issue', instruction: central })).toMatchObject({ status: 'accepted' });
    const over: InstructionContent = { id: `${id}-D1`, kind: 'dispatch', level: 'depot', issuer: cn.officerA.subject, lines: [{ category: d.category, quantity: 3, fromDepot: d.code }], parentId: id };
    expect(await officerSender.send(REGION, null, { kind: 'instruction.issue', instruction: over })).toMatchObject({
      status: 'refused',
      code: 'beyond-parent',
      reason: expect.stringContaining(`asks 3 of ${d.category} from ${d.code}; ${id} allows 2`),
    });
    const within = { ...over, lines: [{ category: d.category, quantity: 2, fromDepot: d.code }] };
    expect(await officerSender.send(REGION, null, { kind: 'instruction.issue', instruction: within })).toMatchObject({ status: 'accepted' });
  });

  it("each depot's operator acknowledges their own; a movement under one makes the central instruction executing", async () => {
    const first = depots[0]!;
    const mine = forwarded.find((f) => f.depot === first.code)!.instructionId;
    const theirs = forwarded.find((f) => f.depot !== first.code)!.instructionId;
    const client = await connect(first.operator);
    // Not the other depot's instruction.
    expect(await client.send(sign(cn, first.operator, { expectedLevel: null, body: { kind: 'instruction.acknowledge', instructionId: theirs } }))).toMatchObject({ status: 'refused', code: 'scope' });
    expect(await client.send(sign(cn, first.operator, { expectedLevel: null, body: { kind: 'instruction.acknowledge', instructionId: mine } }))).toMatchObject({ status: 'accepted' });
    await listedWith(mine, 'acknowledged');
    expect((await listed(PARENT))?.status).toBe('acknowledged');

    expect(await issueUnder(first, mine, 3)).toMatchObject({ status: 'accepted' });
    await listedWith(mine, 'done');
    await listedWith(PARENT, 'executing');
    const trace = createTraceQueries(cn.server.store.replica.db).instruction(PARENT)!;
    expect(trace.instruction.status).toBe('executing');
    expect(trace.children.map((c) => [c.id, c.status])).toEqual(forwarded.map((f) => [f.instructionId, f.instructionId === mine ? 'done' : 'issued']));
  });

  it('the central instruction is done once the movements under its children cover all its lines', async () => {
    const second = depots[1]!;
    const mine = forwarded.find((f) => f.depot === second.code)!.instructionId;
    expect(await issueUnder(second, mine, 1)).toMatchObject({ status: 'accepted' });
    await listedWith(mine, 'executing');
    expect((await listed(PARENT))?.status).toBe('executing');

    expect(await issueUnder(second, mine, 3)).toMatchObject({ status: 'accepted' });
    await listedWith(PARENT, 'done');
    const trace = createTraceQueries(cn.server.store.replica.db).instruction(PARENT)!;
    expect(trace.instruction.status).toBe('done');
    expect(trace.children.every((c) => c.status === 'done')).toBe(true);
    // The parent's own usage is untouched: the roll-up is derived, not recorded.
    expect(trace.usage.every((u) => u.movedIn === 0 && u.movedOut === 0)).toBe(true);
  });
});
