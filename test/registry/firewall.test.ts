import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAlertRuleSet } from '../../src/core/alerts/default-rules';
import type { RegistryOp } from '../../src/shared/protocol/registry-frames';
import type { EmergencyLevel } from '../../src/shared/domain/emergency';
import { commandBodySchema, type CommandBody, type CommandKind } from '../../src/shared/protocol/command-envelope';
import { RawClient } from '../sync/support/raw-client';
import { waitFor } from '../sync/support/wait';
import { CommandClient, signedFrame } from '../commands/support/command-client';
import { auditOf, commandNet, countEvents, propose, REGION, sign, type CommandNet, type Officer } from '../commands/support/officers';
import { physicalAsset, RegistryClient, transportAsset } from './support/registry-client';

/*
 * The contributor firewall on a real regional server over mutual TLS: a contributor's connection
 * is a registry-only session. It registers and reads its own assets, nothing else: it never gets
 * the region's event stream, cannot read another contributor's asset, and cannot issue, sign or
 * co-sign any command of the command chain. Every refusal carries its code and is audited.
 */
let cn: CommandNet;
let otherContributor: Officer;
let verifier: Officer;
let sichuanVerifier: Officer;
const clients: { close(): void }[] = [];

beforeAll(async () => {
  cn = await commandNet();
  const person = (name: string, role: string, region: string): Officer => {
    const p12 = cn.net.issue({ kind: 'client', region, role, name });
    return { ...cn.net.identity(p12), subject: `CN=${name},OU=${role},O=${region}`, p12 };
  };
  otherContributor = person('contributor-qian', 'contributor', REGION);
  verifier = person('verifier-hu', 'registry-verifier', REGION);
  sichuanVerifier = person('verifier-deng', 'registry-verifier', '510000');
});

afterAll(async () => {
  for (const c of clients) c.close();
  await cn?.net.close();
});

async function registry(officer: Officer) {
  const client = await RegistryClient.connect(cn, officer);
  clients.push(client);
  return client;
}

async function commands(officer: Officer) {
  const client = await CommandClient.connect(cn, officer);
  clients.push(client);
  return client;
}

const auditFor = (id: string) => cn.server.commands.ledger.auditRows().filter((r) => r.commandId === id);

/** One body of every command kind: adding a kind to the protocol fails to compile until it is here. */
const BODIES: Record<CommandKind, CommandBody> = {
  'emergency.propose': { kind: 'emergency.propose', toLevel: 'III', plan: '防汛预案', reason: '水位上涨' },
  'emergency.cosign': { kind: 'emergency.cosign', proposalId: 'any-proposal' },
  'emergency.cancel': { kind: 'emergency.cancel', proposalId: 'any-proposal', reason: '撤销' },
  'emergency.break-glass': { kind: 'emergency.break-glass', plan: '防汛预案', reason: '溃堤' },
  'emergency.countersign': { kind: 'emergency.countersign' },
  'instruction.issue': { kind: 'instruction.issue', instruction: { id: 'I-FW-1', kind: 'dispatch', level: 'province', issuer: 'CN=contributor-zhou,OU=contributor,O=430000', lines: [{ category: 'GR-RICE', quantity: 1 }] } },
  'instruction.acknowledge': { kind: 'instruction.acknowledge', instructionId: 'I-FW-1' },
  'alert-rules.publish': { kind: 'alert-rules.publish', ruleSet: { ...loadAlertRuleSet(), version: 1 } },
  'alert.acknowledge': { kind: 'alert.acknowledge', alertId: 'any-alert', raisedAt: '2026-01-01T00:00:00.000Z', comment: '已知' },
  'alert.assign': { kind: 'alert.assign', alertId: 'any-alert', raisedAt: '2026-01-01T00:00:00.000Z', assignee: 'CN=demo-commander' },
  'alert.resolve': { kind: 'alert.resolve', alertId: 'any-alert', raisedAt: '2026-01-01T00:00:00.000Z', comment: '已处理' },
  'registry.publish-rules': {
    kind: 'registry.publish-rules',
    rules: { version: 'fw-1', effectiveFrom: '2026-01-01T00:00:00Z', perStorageDay: { '*': 100 }, perTonneKm: 100, perServiceHour: 100, perVerifiedRegistration: 100 },
  },
};

describe('contributor firewall', () => {
  it('a contributor registers and reads its own asset, and gets no event of the region stream on the wire', async () => {
    const me = await registry(cn.contributor);
    const registered = await me.request({ op: 'register', asset: physicalAsset() });
    expect(registered).toMatchObject({ status: 'accepted', code: null, value: { assetId: expect.stringMatching(/^CA-430000-[0-9a-f]{12}$/) } });
    const { assetId } = registered.value as { assetId: string };
    expect(await me.request({ op: 'asset', assetId })).toMatchObject({ status: 'accepted', value: { assetId, owner: cn.contributor.subject, state: 'registered', kind: 'physical' } });
    const mine = await me.request({ op: 'assets' });
    expect(mine.value).toEqual([expect.objectContaining({ assetId, owner: cn.contributor.subject, balance: 0 })]);
    expect(auditFor(registered.requestId)).toMatchObject([{ kind: 'registry register', status: 'accepted', peerSubject: cn.contributor.subject, seq: registered.seq }]);

    // The log moves on (a level change by a duty officer, a checkpoint): nothing of it reaches the contributor.
    const officer = await commands(cn.officerA);
    expect(await officer.send(propose(cn, cn.officerA, 'normal', 'IV'))).toMatchObject({ status: 'accepted' });
    cn.server.notifyAppended();
    cn.server.checkpoint();
    await me.roundTrip();
    // An officer's session on the same server does get the stream (positive control).
    await officer.raw.frame('events');
    expect(new Set(me.types())).toEqual(new Set(['registry-welcome', 'registry-result', 'pong']));
    for (const f of me.raw.frames) expect(JSON.stringify(f)).not.toContain('emergency.');
  });

  it('reading another contributor’s asset, or acting on it, is refused as firewall and audited', async () => {
    const owner = await registry(cn.contributor);
    const { assetId } = (await owner.request({ op: 'register', asset: transportAsset() })).value as { assetId: string };
    const other = await registry(otherContributor);
    for (const op of [{ op: 'asset', assetId } as const, { op: 'withdraw', assetId, reason: '不再参与' } as const]) {
      const result = await other.request(op);
      expect(result).toMatchObject({ status: 'refused', code: 'firewall', reason: `no asset ${assetId} among your own`, value: null });
      expect(auditFor(result.requestId)).toMatchObject([{ kind: `registry ${op.op}`, status: 'refused', code: 'firewall', peerSubject: otherContributor.subject }]);
    }
    // An asset that does not exist gets the very same answer: nothing tells whether it belongs to someone.
    expect(await other.request({ op: 'asset', assetId: 'CA-430000-000000000000' })).toMatchObject({ status: 'refused', code: 'firewall', reason: 'no asset CA-430000-000000000000 among your own' });
    // Its listing, meters and ledger hold nothing of the first contributor's.
    expect((await other.request({ op: 'assets' })).value).toEqual([]);
    expect((await other.request({ op: 'meters' })).value).toEqual([]);
    expect((await other.request({ op: 'ledger' })).value).toEqual({ entries: [], balance: 0 });
  });

  it('a contributor cannot read the situation: a stream ack is refused as firewall and audited', async () => {
    const me = await registry(cn.contributor);
    const from = me.raw.frames.length;
    me.raw.sendJson({ type: 'ack', region: REGION, seq: 1 });
    const refusal = await me.raw.frame('registry-refused', from);
    expect(refusal).toMatchObject({ frame: 'ack', code: 'firewall', reason: expect.stringContaining(`reading the event stream of region ${REGION} is refused`) });
    expect(auditFor(`ack:${REGION}:1`).at(-1)).toMatchObject({ kind: 'stream ack', status: 'refused', code: 'firewall', peerSubject: cn.contributor.subject });
  });

  it('a contributor cannot take a verifier’s step, not even on its own asset', async () => {
    const me = await registry(cn.contributor);
    const { assetId } = (await me.request({ op: 'register', asset: physicalAsset('自有粮仓') })).value as { assetId: string };
    const steps: RegistryOp[] = [
      { op: 'verify', assetId, passed: true, reason: '自证合格', evidence: [] },
      { op: 'onboard', assetId },
      { op: 'suspend', assetId, reason: 'x' },
      { op: 'meter', assetId, recordId: 'M-SELF', kind: 'storage-days', amount: 1_000, at: new Date().toISOString() },
    ];
    for (const op of steps) {
      const result = await me.request(op);
      expect(result).toMatchObject({ status: 'refused', code: 'firewall', reason: expect.stringContaining('contributors (civilian participants) hold no command right') });
      expect(auditFor(result.requestId)).toMatchObject([{ kind: `registry ${op.op}`, code: 'firewall' }]);
    }
    expect((await me.request({ op: 'asset', assetId })).value).toMatchObject({ state: 'registered' });
  });

  it.each(Object.keys(BODIES) as CommandKind[])('a contributor’s %s command is refused as firewall on its own connection and audited', async (kind) => {
    const me = await registry(cn.contributor);
    const head = cn.server.store.head();
    const envelope = sign(cn, cn.contributor, { expectedLevel: null, body: BODIES[kind] });
    const from = me.raw.frames.length;
    me.raw.sendJson(signedFrame(envelope));
    const result = await me.raw.frame('commandResult', from);
    expect(result).toMatchObject({ commandId: envelope.commandId, status: 'refused', code: 'firewall', reason: expect.stringContaining(`a ${kind} command is refused`) });
    expect(auditOf(cn, envelope.commandId)).toMatchObject([{ kind, status: 'refused', code: 'firewall', peerSubject: cn.contributor.subject }]);
    expect(cn.server.store.head()).toEqual(head);
  });

  it('every command kind is covered', () => {
    expect(Object.keys(BODIES).sort()).toEqual(commandBodySchema.options.map((o) => o.shape.kind.value).sort());
  });

  it('a contributor’s unsigned stock movement is refused as firewall and audited', async () => {
    const me = await registry(cn.contributor);
    const frame = { type: 'command', commandId: 'fw-movement-1', kind: 'record-event', draft: { region: REGION, type: 'stock.issued', eventTime: new Date().toISOString(), actor: { subject: 'x', role: 'depot-operator' }, payload: { lotId: 'L', depot: cn.operatorDepot, quantity: 1, recipient: 'x' } } };
    const from = me.raw.frames.length;
    me.raw.sendJson(frame);
    expect(await me.raw.frame('commandResult', from)).toMatchObject({ status: 'refused', code: 'firewall' });
    expect(auditOf(cn, 'fw-movement-1')).toMatchObject([{ kind: 'record-event stock.issued', status: 'refused', code: 'firewall', peerSubject: cn.contributor.subject }]);
  });

  it('a contributor’s signature carries no weight elsewhere: relayed by a duty officer it is refused as role, a co-signature included', async () => {
    const officer = await commands(cn.officerA);
    const level = cn.server.store.replica.db.prepare<[string], string>('SELECT level FROM emergency_levels WHERE region = ?').pluck().get(REGION) ?? 'normal';
    const proposal = propose(cn, cn.officerA, level as EmergencyLevel, 'II');
    expect(await officer.send(proposal)).toMatchObject({ status: 'accepted' });
    const head = cn.server.store.head();
    for (const body of [BODIES['emergency.propose'], { kind: 'emergency.cosign', proposalId: proposal.commandId } as const, BODIES['instruction.issue'], BODIES['registry.publish-rules']]) {
      const envelope = sign(cn, cn.contributor, { expectedLevel: level as EmergencyLevel, body });
      expect(await officer.send(envelope)).toMatchObject({ status: 'refused', code: 'role', reason: expect.stringContaining('contributors (civilian participants) hold no command right') });
      expect(auditOf(cn, envelope.commandId)).toMatchObject([{ status: 'refused', code: 'role', signerSubject: cn.contributor.subject }]);
    }
    expect(cn.server.store.head()).toEqual(head);
    expect(countEvents(cn, 'registry.rules-published')).toBe(0);
  });
});

describe('registry verifier', () => {
  it('verifies within its province, pass or fail with the reason kept; it cannot register or command', async () => {
    const owner = await registry(cn.contributor);
    const good = ((await owner.request({ op: 'register', asset: physicalAsset('合格粮仓') })).value as { assetId: string }).assetId;
    const bad = ((await owner.request({ op: 'register', asset: physicalAsset('不合格粮仓') })).value as { assetId: string }).assetId;
    const inspector = await registry(verifier);
    const evidence = ['b'.repeat(64)];
    expect(await inspector.request({ op: 'verify', assetId: good, passed: true, reason: '现场核验：库容与数量相符', evidence })).toMatchObject({ status: 'accepted' });
    expect(await inspector.request({ op: 'verify', assetId: bad, passed: false, reason: '现场核验：实存数量不足申报的一半', evidence })).toMatchObject({ status: 'accepted' });
    const seen = await owner.request({ op: 'assets' });
    const byId = new Map((seen.value as { assetId: string; state: string }[]).map((a) => [a.assetId, a.state]));
    expect([byId.get(good), byId.get(bad)]).toEqual(['verified', 'failed']);
    const steps = cn.server.store.replica.db
      .prepare<[string], { actor_subject: string; actor_role: string; detail: string }>("SELECT actor_subject, actor_role, detail FROM registry_steps WHERE asset_id = ? AND type = 'registry.asset-verified'")
      .all(bad);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ actor_subject: verifier.subject, actor_role: 'registry-verifier' });
    expect(JSON.parse(steps[0]!.detail)).toMatchObject({ passed: false, reason: '现场核验：实存数量不足申报的一半', evidence });

    const register = await inspector.request({ op: 'register', asset: physicalAsset() });
    expect(register).toMatchObject({ status: 'refused', code: 'role', reason: expect.stringContaining('a registry verifier only verifies and onboards civilian assets') });
    expect(auditFor(register.requestId)).toMatchObject([{ code: 'role', peerSubject: verifier.subject }]);
    const envelope = sign(cn, verifier, { expectedLevel: null, body: BODIES['emergency.propose'] });
    const from = inspector.raw.frames.length;
    inspector.raw.sendJson(signedFrame(envelope));
    expect(await inspector.raw.frame('commandResult', from)).toMatchObject({ status: 'refused', code: 'firewall' });
    expect(new Set(inspector.types())).toEqual(new Set(['registry-welcome', 'registry-result', 'commandResult']));
  });

  it('a verifier of another province is refused at the door, with the reason, and the refusal is audited', async () => {
    const from = cn.net.logs.length;
    const raw = new RawClient(cn.server.url, { rootPem: cn.net.rootPem, identity: sichuanVerifier });
    clients.push({ close: () => raw.terminate() });
    await expect(raw.open()).rejects.toThrow(/403|closed before open/);
    expect(raw.frames).toEqual([]);
    const reason = `certificate of region 510000 refused by the server of ${REGION}`;
    await waitFor(() => cn.net.logs.slice(from).some((l) => l.endsWith(reason)), 'the refusal in the server log');
    await waitFor(() => cn.server.commands.ledger.auditRows().some((r) => r.peerSubject === sichuanVerifier.subject), 'the refusal in the audit');
    expect(cn.server.commands.ledger.auditRows().filter((r) => r.peerSubject === sichuanVerifier.subject)).toMatchObject([{ kind: 'registry connect', status: 'refused', code: 'scope', reason }]);
  });
});
