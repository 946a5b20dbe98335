import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvent, type ChainHead } from '../../src/core/chain/seal';
import { generateRegionLog, loadPrefectures } from '../../src/core/seed';
import { DEFAULT_AS_OF, DEFAULT_SEED } from '../../src/core/seed/defaults';
import { eventPayloadSchemas, sealedEventSchema, type EventType, type SealedEvent } from '../../src/shared/domain/events';
import { FAST_EVENT_FIELDS, FAST_PAYLOADS, isPlainEventsFrame } from '../../src/shared/protocol/events-frame';
import { EVENTS_PER_FRAME, parseFrame, serverFrameSchema } from '../../src/shared/protocol/frames';

/** A real region log (the seed generator's, tiny scale, sealed): every common event type, as a server sends it. */
function realEvents(): SealedEvent[] {
  const events: SealedEvent[] = [];
  let head: ChainHead = EMPTY_HEAD;
  for (const draft of generateRegionLog('110000', { scale: 'tiny', seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF }, loadPrefectures())) {
    const sealed = sealEvent(draft, head, draft.eventTime);
    head = { seq: sealed.seq, hash: sealed.hash };
    events.push(sealed);
  }
  return events;
}

const events = realEvents();
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const frameOf = (batch: unknown[]) => ({ type: 'events', region: '110000', fromSeq: 1, events: batch });
const corrected = {
  ...events[events.length - 1]!,
  type: 'event.corrected',
  instructionId: 'I-1',
  payload: { corrects: [{ seq: 1, id: 'a'.repeat(64) }], reason: '数量录入错误', adjustment: { lotId: 'L-1', depot: 'D-1', quantity: -3 } },
};

/** An instruction calling on a civilian transport unit: the optional fields a real log of the seed does not have. */
const transportCall = {
  ...events.find((e) => e.type === 'instruction.issued')!,
  payload: {
    id: 'DSP-20260101-ABCDEF-110000-T1',
    kind: 'dispatch',
    level: 'central',
    issuer: 'CN=commander',
    lines: [{ category: 'GR-RICE', quantity: 40, fromDepot: 'D-1', toRegion: '430000' }],
    civilian: { holder: 'CN=contributor' },
    transport: { unit: 'CU-110000-0123456789ab', tonnes: 37.5, days: 2 },
  },
};

/** Every place in a JSON value, as a path of keys and indexes. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/** Values at and around every limit the schemas state. */
const edgeValue = fc.oneof(
  fc.constantFrom(
    null, '', 0, -0, -1, 1, 1.5, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), 181, -91, 1.0000001, true, [], {}, '__proto__',
    'x'.repeat(16), 'x'.repeat(17), 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(120), 'x'.repeat(121), 'x'.repeat(200), 'x'.repeat(201),
    '😀'.repeat(64), '😀'.repeat(65), '\ud83d'.repeat(65), 'a'.repeat(64), 'A'.repeat(64), 'a'.repeat(63),
    '2026-02-29', '2024-02-29', '2025-13-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00.5Z', '2025-01-01T00:00:00+08:00', '2025-01-01T24:00:00Z',
    '110000', '11000', '1100000', 'national', 'grain', 'pass', 'expired', 'dispatch', 'central', 'duty-officer', 'stock.issued', 'events',
  ),
  fc.anything(),
  fc.string({ maxLength: 70 }),
  fc.integer(),
  fc.double(),
);

type Mutation = { path: (string | number)[]; kind: 'set' | 'delete' | 'add'; value: unknown };

function mutate(target: unknown, m: Mutation): void {
  if (m.path.length === 0) return;
  let parent = target as Record<string | number, unknown>;
  for (const key of m.path.slice(0, -1)) {
    // An earlier mutation replaced this branch: nothing left to change here.
    if (typeof parent[key] !== 'object' || parent[key] === null) return;
    parent = parent[key] as Record<string | number, unknown>;
  }
  const last = m.path[m.path.length - 1]!;
  if (m.kind === 'delete') delete parent[last];
  else if (m.kind === 'add' && typeof parent[last] === 'object' && parent[last] !== null && !Array.isArray(parent[last])) {
    Object.defineProperty(parent[last], 'extra', { value: m.value, enumerable: true, configurable: true, writable: true });
  } else parent[last] = m.value;
}

describe('events frame fast path (property)', () => {
  it('checks exactly the fields the schemas define', () => {
    for (const [type, check] of Object.entries(FAST_PAYLOADS)) {
      const shape = eventPayloadSchemas[type as EventType].shape as Record<string, unknown>;
      // An instruction with a signed envelope is left to zod.
      expect(check.keys.sort(), type).toEqual(Object.keys(shape).filter((k) => k !== 'envelope').sort());
    }
    const sample = events.find((e) => e.type === 'stock.inspected' && 'note' in e.payload) ?? events[0]!;
    expect(Object.keys(FAST_EVENT_FIELDS).sort()).toEqual(Object.keys(sealedEventSchema.parse(sample)).sort());
  });

  it('accepts every event of a real log, and zod returns the very same frame', () => {
    const types = new Set<string>();
    for (let i = 0; i < events.length; i += EVENTS_PER_FRAME) {
      const frame = frameOf(events.slice(i, i + EVENTS_PER_FRAME));
      const fast = events.slice(i, i + EVENTS_PER_FRAME).filter((e) => FAST_PAYLOADS[e.type] && !('envelope' in e.payload));
      fast.forEach((e) => types.add(e.type));
      expect(isPlainEventsFrame(frame, EVENTS_PER_FRAME)).toBe(fast.length === frame.events.length);
      const zod = serverFrameSchema.safeParse(frame);
      expect(zod.success).toBe(true);
      expect(parseFrame(serverFrameSchema, JSON.stringify(frame))).toEqual({ ok: true, frame: zod.data });
    }
    expect(isPlainEventsFrame(frameOf([corrected]), EVENTS_PER_FRAME)).toBe(true);
    expect(isPlainEventsFrame(frameOf([transportCall]), EVENTS_PER_FRAME)).toBe(true);
    expect(serverFrameSchema.safeParse(frameOf([transportCall])).success).toBe(true);
    // The log exercises the hot types; the rest are covered by the mutations below.
    for (const type of ['instruction.issued', 'lot.intake', 'stock.issued', 'stock.transfer-out', 'stock.transfer-in', 'depot.registered']) expect(types).toContain(type);
  });

  it('never accepts what zod refuses, and what it accepts zod returns unchanged', () => {
    const samples = [...new Map(events.map((e) => [e.type, e])).values(), corrected, transportCall, events[events.length - 1]!];
    const mutation = fc
      .integer({ min: 0, max: samples.length - 1 })
      .chain((i) => {
        const sample = samples[i]!;
        return fc.tuple(
          fc.constant(sample),
          fc.array(fc.record({ path: fc.constantFrom(...paths(sample)), kind: fc.constantFrom('set', 'delete', 'add') as fc.Arbitrary<Mutation['kind']>, value: edgeValue }), {
            minLength: 1,
            maxLength: 3,
          }),
        );
      });
    fc.assert(
      fc.property(mutation, ([sample, mutations]) => {
        const event = clone(sample);
        for (const m of mutations) mutate(event, m);
        const frame = frameOf([clone(events[0]), event]);
        const zod = serverFrameSchema.safeParse(frame);
        if (isPlainEventsFrame(frame, EVENTS_PER_FRAME)) {
          expect(zod.success).toBe(true);
          expect(zod.data).toEqual(frame);
        }
        const parsed = parseFrame(serverFrameSchema, JSON.stringify(frame));
        expect(parsed.ok).toBe(serverFrameSchema.safeParse(JSON.parse(JSON.stringify(frame))).success);
        if (!parsed.ok) {
          expect(parsed.code).toBe('malformed');
          expect(parsed.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses frame-level faults with zod\'s message', () => {
    const good = frameOf(events.slice(0, 3));
    for (const bad of [
      { ...good, fromSeq: 0 },
      { ...good, region: '1100' },
      { ...good, events: [] },
      frameOf(Array.from({ length: EVENTS_PER_FRAME + 1 }, () => events[0])),
      { ...good, events: [{ ...events[5], instructionId: null, type: 'stock.issued' }] },
    ]) {
      expect(isPlainEventsFrame(bad, EVENTS_PER_FRAME)).toBe(false);
      const parsed = parseFrame(serverFrameSchema, JSON.stringify(bad));
      expect(parsed).toMatchObject({ ok: false, code: 'malformed' });
    }
    // Unknown keys are stripped by zod, so such a frame takes the zod path and comes back without them.
    const extra = { ...good, note: 'x' };
    expect(isPlainEventsFrame(extra, EVENTS_PER_FRAME)).toBe(false);
    expect(parseFrame(serverFrameSchema, JSON.stringify(extra))).toEqual({ ok: true, frame: good });
  });
});
