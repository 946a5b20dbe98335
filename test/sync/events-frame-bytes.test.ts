import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signEnvelope } from '../../src/core/commands/sign-envelope';
import { createEventReader } from '../../src/core/log/event-rows';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import type { EventDraft, SealedEvent } from '../../src/shared/domain/events';
import { EVENTS_PER_FRAME, parseFrame, serverFrameSchema } from '../../src/shared/protocol/frames';
import { sealAll } from '../helpers/small-log';
import { regionLog, TINY } from '../seed/fixtures';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

/*
 * The server forwards an `events` frame spliced from the stored rows (the payload's bytes as
 * stored) instead of parsing every payload and serialising the frame again. The bytes must be
 * exactly those of serialising the events, and the client must still name a bad event inside an
 * otherwise valid batch.
 */
const REGION = '430000';
let dir: string;
let replica: Replica;
let log: SealedEvent[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-frame-bytes-'));
  replica = openReplica(join(dir, 'store.db'), newReplicaKey(), { create: true });
  // Demo scale, cut after 2500 events (a prefix of a log is a valid log): more than a full frame.
  const demo = { ...TINY, scale: 'demo' } as const;
  replica.projector.applyBatch('000000', sealAll(regionLog('000000', demo)));
  const drafts = regionLog(REGION, demo).slice(0, 2500);
  // An acknowledgement carries a signed envelope: nested objects, base64 and PEM text in the payload.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const issued = drafts.find((d) => d.type === 'instruction.issued');
  if (issued?.type !== 'instruction.issued') throw new Error('the log issues no instruction');
  const envelope = signEnvelope(
    { region: REGION, expectedLevel: 'normal', body: { kind: 'emergency.countersign' } },
    { keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), chainPem: ['-----BEGIN CERTIFICATE-----\n测试\n-----END CERTIFICATE-----'] },
  );
  const last = drafts.at(-1)!;
  const ack = { region: REGION, type: 'instruction.acknowledged', eventTime: last.eventTime, actor: { subject: 'CN=王芳,OU=430000', role: 'duty-officer' }, instructionId: null, payload: { instructionId: issued.payload.id, envelope } } as EventDraft;
  log = sealAll([...drafts, ack]);
  replica.projector.applyBatch(REGION, log);
});

afterAll(() => {
  replica.close();
  rmSync(dir, { recursive: true, force: true });
});

const serialised = (fromSeq: number, events: SealedEvent[]) => JSON.stringify({ type: 'events', region: REGION, fromSeq, events });

describe('events frames spliced from the stored rows', () => {
  it('are byte for byte the serialised events, for a full frame, a short tail and a single event', () => {
    const reader = createEventReader(replica.db);
    expect(log.length).toBeGreaterThan(EVENTS_PER_FRAME);
    expect(log.some((e) => /[\u4e00-\u9fff]/.test(JSON.stringify(e.payload)))).toBe(true);
    for (const [from, limit] of [[1, EVENTS_PER_FRAME], [log.length - 17, EVENTS_PER_FRAME], [log.length, 1], [250, 3]] as const) {
      const frame = reader.frameBytes(REGION, from, limit);
      const expected = log.slice(from - 1, from - 1 + limit);
      expect(frame).not.toBeNull();
      expect(frame!.count).toBe(expected.length);
      expect(frame!.lastSeq).toBe(expected.at(-1)!.seq);
      expect(frame!.bytes.toString('utf8')).toBe(serialised(from, reader.from(REGION, from, limit)));
      // And what the client makes of them is the events as sealed.
      expect(parseFrame(serverFrameSchema, frame!.bytes)).toEqual({ ok: true, frame: { type: 'events', region: REGION, fromSeq: from, events: expected } });
    }
    expect(reader.frameBytes(REGION, log.length + 1, EVENTS_PER_FRAME)).toBeNull();
  });

  it('one malformed event in an otherwise valid full batch: "malformed", naming that event and field', () => {
    const reader = createEventReader(replica.db);
    const frame = JSON.parse(reader.frameBytes(REGION, 1, EVENTS_PER_FRAME)!.bytes.toString('utf8')) as { events: SealedEvent[] };
    expect(frame.events).toHaveLength(EVENTS_PER_FRAME);
    const at = frame.events.findIndex((e, i) => i > 500 && e.type === 'stock.issued');
    (frame.events[at]!.payload as { quantity: number }).quantity = -5;
    const parsed = parseFrame(serverFrameSchema, Buffer.from(JSON.stringify(frame)));
    expect(parsed).toMatchObject({ ok: false, code: 'malformed' });
    expect(parsed.ok ? '' : parsed.message).toContain(`events[${at}].payload.quantity`);
    // A bad hash is named the same way.
    frame.events[at]!.payload = structuredClone(log[at]!.payload);
    frame.events[at + 1]!.hash = 'not-a-hash';
    const second = parseFrame(serverFrameSchema, Buffer.from(JSON.stringify(frame)));
    expect(second.ok ? '' : second.message).toContain(`events[${at + 1}].hash`);
  });
});
