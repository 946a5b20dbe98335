import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandClient, signedFrame } from './support/command-client';
import { auditOf, commandNet, cosign, countEvents, propose, serverLevel, type CommandNet } from './support/officers';
import { waitFor } from '../sync/support/wait';

/*
 * The connection dies right after the co-signature leaves, before its result can arrive. The
 * officer's app cannot know whether it counted, so it reconnects and sends the same envelope:
 * the server answers with its first result and the level changes exactly once.
 */
let cn: CommandNet;
const clients: CommandClient[] = [];

beforeAll(async () => {
  cn = await commandNet();
});

afterAll(async () => {
  for (const c of clients) c.close();
  await cn?.net.close();
});

describe('network drop after send', () => {
  it('a resent envelope gets the first result; exactly one transition, even once the envelope has expired', async () => {
    const a = await CommandClient.connect(cn, cn.officerA);
    clients.push(a);
    const proposal = propose(cn, cn.officerA, 'normal', 'II');
    expect(await a.send(proposal)).toMatchObject({ status: 'accepted' });

    const envelope = cosign(cn, cn.officerB, 'normal', proposal.commandId);
    const dropped = await CommandClient.connect(cn, cn.officerB);
    // Kill the socket as soon as the frame is written: the answer has nowhere to go.
    await new Promise<void>((resolve, reject) => dropped.raw.ws.send(JSON.stringify(signedFrame(envelope)), (err) => (err ? reject(err) : resolve())));
    dropped.raw.terminate();
    await dropped.raw.closed;
    await waitFor(() => auditOf(cn, envelope.commandId).length === 1, 'the server to decide the co-signature');
    const decided = auditOf(cn, envelope.commandId)[0]!;
    expect(decided).toMatchObject({ status: 'accepted', code: null });
    expect(serverLevel(cn)).toBe('II');

    // Reconnect and resend the same envelope.
    const retry = await CommandClient.connect(cn, cn.officerB);
    clients.push(retry);
    const result = await retry.send(envelope);
    expect(result).toEqual({ type: 'commandResult', commandId: envelope.commandId, status: 'accepted', reason: null, seq: decided.seq });

    // Past its 60 s the same envelope still gets its first result: the id is checked before the time.
    cn.clock.offsetMs += 5 * 60_000;
    expect(await retry.send(envelope)).toEqual(result);
    expect(countEvents(cn, 'emergency.level-changed')).toBe(1);
    expect(serverLevel(cn)).toBe('II');
    expect(auditOf(cn, envelope.commandId).map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
  });
});
