import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NONCE_RETENTION_MS } from '../../src/core/commands/command-ledger';
import { MAX_ENVELOPE_LIFETIME_MS } from '../../src/shared/domain/emergency';
import { ENVELOPE_CLOCK_SKEW_MS, type SignedEnvelope } from '../../src/shared/protocol/command-envelope';
import { CommandClient } from './support/command-client';
import { commandNet, resign, serverLevel, sign, type CommandNet } from './support/officers';

/*
 * Used nonces are forgotten once no envelope carrying them could be accepted any more: over
 * real mutual TLS, with the server's command clock moved forward, a replay inside that window
 * is still refused, one after it is refused as expired, and the nonce table holds only the
 * window's nonces however many commands pass.
 */
let cn: CommandNet;
let client: CommandClient;

beforeAll(async () => {
  cn = await commandNet();
  client = await CommandClient.connect(cn, cn.officerA);
});

afterAll(async () => {
  client?.close();
  await cn?.net.close();
});

const nonceRows = () => cn.server.store.replica.db.prepare<[], { nonce: string; used_at: string }>('SELECT nonce, used_at FROM command_nonces ORDER BY rowid').all();

/** A one-officer level change (normal ↔ IV) signed at the server's clock, or `aheadMs` later. */
function toggle(aheadMs = 0): SignedEnvelope {
  const level = serverLevel(cn);
  const toLevel = level === 'normal' ? 'IV' : 'normal';
  return sign(cn, cn.officerA, { now: cn.clock.now() + aheadMs, expectedLevel: level as 'normal' | 'IV', body: { kind: 'emergency.propose', toLevel, plan: '防汛Ⅳ级应急预案', reason: '演练' } });
}

async function accepted(envelope: SignedEnvelope): Promise<void> {
  const result = await client.send(envelope);
  expect(result, result.reason ?? '').toMatchObject({ status: 'accepted' });
}

describe('nonce pruning', () => {
  it('keeps a nonce for the envelope lifetime plus the clock skew allowed: exactly as long as it can be replayed', () => {
    expect(NONCE_RETENTION_MS).toBe(MAX_ENVELOPE_LIFETIME_MS + ENVELOPE_CLOCK_SKEW_MS);
  });

  it('refuses a replay inside the window even after pruning ran, and as expired after it', async () => {
    // Issued as far in the future as the skew allows: valid until about 89 s after the server used it.
    const first = toggle(ENVELOPE_CLOCK_SKEW_MS - 1_000);
    await accepted(first);
    expect(nonceRows().map((r) => r.nonce)).toContain(first.nonce);

    // 85 s on, another command prunes; the first envelope's nonce is kept, its twin still valid.
    cn.clock.offsetMs += 85_000;
    await accepted(toggle());
    expect(nonceRows().map((r) => r.nonce)).toContain(first.nonce);
    const twin = resign(first, cn.officerA, { commandId: `nonce-twin-${Date.now()}`, expectedLevel: serverLevel(cn) as 'normal' | 'IV' });
    const inside = await client.send(twin);
    expect(inside).toMatchObject({ status: 'refused', code: 'replayed-nonce' });
    expect(inside.reason).toContain(first.commandId);

    // Past the window: the nonce is forgotten, and an envelope carrying it has expired.
    cn.clock.offsetMs += 10_000;
    await accepted(toggle());
    expect(nonceRows().map((r) => r.nonce)).not.toContain(first.nonce);
    const late = resign(first, cn.officerA, { commandId: `nonce-late-${Date.now()}`, expectedLevel: serverLevel(cn) as 'normal' | 'IV' });
    expect(await client.send(late)).toMatchObject({ status: 'refused', code: 'expired' });

    // The first command itself, retried, still gets its first result: decisions are never pruned.
    expect(await client.send(first)).toMatchObject({ status: 'accepted' });
  });

  it('holds only the nonces of the last window, however many commands pass', async () => {
    const stepMs = 20_000;
    const perStep = 2;
    // Commands used in one window: the steps that fit in it (inclusive) times the commands per step.
    const windowHolds = (Math.floor(NONCE_RETENTION_MS / stepMs) + 1) * perStep;
    const sizes: number[] = [];
    for (let step = 0; step < 15; step++) {
      cn.clock.offsetMs += stepMs;
      for (let i = 0; i < perStep; i++) await accepted(toggle());
      const rows = nonceRows();
      sizes.push(rows.length);
      const oldest = Date.parse(rows[0]?.used_at ?? '');
      expect(cn.clock.now() - oldest).toBeLessThanOrEqual(NONCE_RETENTION_MS + 5_000);
    }
    expect(15 * perStep).toBeGreaterThan(2 * windowHolds);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(windowHolds);
    // Steady state: the table stopped growing once the window filled.
    expect(sizes.slice(-5)).toEqual(Array(5).fill(sizes.at(-1)));
  });
});
