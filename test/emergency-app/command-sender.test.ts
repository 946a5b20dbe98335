import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revocationList } from '../../src/core/commands/revocation';
import { checkTimeWindow, parseEnvelope, verifySignature, verifySigner } from '../../src/core/commands/verify-envelope';
import { trustStore } from '../../src/core/pki';
import type { LinkIdentity, SignedOutcome } from '../../src/core/sync/region-link';
import { SyncManager } from '../../src/core/sync/sync-manager';
import { directSink } from '../../src/core/sync/direct-sink';
import { createCommandSender, requireSender, type SignedCommandSink } from '../../src/main/host/command-sender';
import { HostError } from '../../src/shared/contract';
import type { SignedEnvelope } from '../../src/shared/protocol/command-envelope';
import { TestNetwork } from '../sync/network';

const REGION = '430000';

/** Takes the envelope where the network would, and answers as a server would. */
function capturingSink(): SignedCommandSink & { sent: SignedEnvelope[] } {
  const sent: SignedEnvelope[] = [];
  return {
    sent,
    signedCommand: async (envelope): Promise<SignedOutcome> => {
      sent.push(envelope);
      return { status: 'accepted', code: null, reason: null, seq: 101 };
    },
  };
}

let net: TestNetwork;
let officer: LinkIdentity;
beforeAll(() => {
  net = new TestNetwork();
  officer = net.identity(net.issue({ kind: 'client', region: REGION, role: 'duty-officer', name: '值班员甲' }));
});
afterAll(async () => net?.close());

describe('command sender', () => {
  it('reads the officer identity from the link certificate', () => {
    const sender = createCommandSender({ sync: capturingSink(), identity: officer });
    expect(sender.identity).toEqual({ subject: `CN=值班员甲,OU=duty-officer,O=${REGION}`, name: '值班员甲', role: 'duty-officer', region: REGION, depot: null });
  });

  it('signs with the identity’s key; the regional server’s own checks accept the envelope', async () => {
    const sink = capturingSink();
    const sender = createCommandSender({ sync: sink, identity: officer });
    const answer = await sender.send(REGION, 'normal', { kind: 'emergency.propose', toLevel: 'II', plan: '防汛Ⅱ级预案', reason: '洞庭湖水位超警戒' });
    const [envelope] = sink.sent;
    if (!envelope) throw new Error('nothing was sent');
    expect(answer).toEqual({ commandId: envelope.commandId, status: 'accepted', code: null, reason: null, seq: 101 });

    // Through JSON, as it crosses the wire, then the server's verification steps in order.
    const parsed = parseEnvelope(JSON.parse(JSON.stringify(envelope)), envelope.commandId);
    if (!('envelope' in parsed)) throw new Error(`refused: ${parsed.reason}`);
    const trust = { root: new X509Certificate(net.rootPem), revocation: revocationList(trustStore(net.trustDir).crl) };
    const signer = verifySigner(parsed.envelope, trust, Date.now());
    if (!('signer' in signer)) throw new Error(`refused: ${signer.reason}`);
    expect(signer.signer.subject).toBe(sender.identity.subject);
    expect(verifySignature(parsed.envelope, signer.leaf)).toBeNull();
    expect(checkTimeWindow(parsed.envelope, Date.now())).toBeNull();
    expect(parsed.envelope).toMatchObject({ region: REGION, expectedLevel: 'normal', body: { kind: 'emergency.propose', toLevel: 'II' } });
    expect(JSON.stringify(envelope)).not.toMatch(/PRIVATE KEY/);

    // One changed byte and the signature no longer holds.
    const altered = { ...parsed.envelope, body: { ...parsed.envelope.body, reason: '水位回落' } } as SignedEnvelope;
    expect(verifySignature(altered, signer.leaf)).toMatchObject({ status: 'refused', code: 'bad-signature' });
  });

  it('a retry sends the very envelope signed first; another command under its id is refused', async () => {
    const sink = capturingSink();
    const sender = createCommandSender({ sync: sink, identity: officer });
    const first = await sender.send(REGION, null, { kind: 'emergency.countersign' }, 'retry-0000-0001');
    const again = await sender.send(REGION, null, { kind: 'emergency.countersign' }, 'retry-0000-0001');
    expect(first.commandId).toBe('retry-0000-0001');
    expect(again).toEqual(first);
    expect(sink.sent).toHaveLength(2);
    expect(sink.sent[1]).toBe(sink.sent[0]);
    const other = await sender.send(REGION, 'I', { kind: 'emergency.countersign' }, 'retry-0000-0001').catch((e: unknown) => e);
    expect(other).toBeInstanceOf(HostError);
    expect(other).toMatchObject({ code: 'bad-request', message: expect.stringContaining('a retry must repeat it exactly') });
  });

  it('a region without a link is the host error not-connected, as is a host without a sender', async () => {
    const manager = new SyncManager({ regions: {}, identity: officer, rootPem: net.rootPem, sink: directSink(net.replica()) });
    const sender = createCommandSender({ sync: manager, identity: officer });
    const err = await sender.send('510000', 'normal', { kind: 'emergency.break-glass', plan: 'p', reason: 'r' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect(err).toMatchObject({ code: 'not-connected', message: 'emergency.break-glass: not connected to region 510000: this host has no link to it (configured regions: none)' });
    expect(() => requireSender(null, 'emergency.cosign')).toThrow(/emergency.cosign: this host runs offline/);
  });
});
