import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientFrameSchema, parseFrame, serverFrameSchema } from '../../src/shared/protocol/frames';
import { sealAll, smallDrafts } from '../helpers/small-log';

describe('wire frames (property)', () => {
  it('arbitrary text never throws and is refused as malformed unless it is a valid frame', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const server = parseFrame(serverFrameSchema, text);
        const client = parseFrame(clientFrameSchema, text);
        for (const parsed of [server, client]) if (!parsed.ok) expect(parsed.code).toBe('malformed');
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary objects shaped like frames are refused with a message naming the field', () => {
    fc.assert(
      fc.property(fc.record({ type: fc.constantFrom('hello', 'ack', 'command', 'ping', 'events'), region: fc.string(), seq: fc.anything() }), (obj) => {
        const parsed = parseFrame(clientFrameSchema, JSON.stringify(obj));
        if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(0);
      }),
    );
  });

  it('an oversized frame is refused before it is parsed', () => {
    const big = JSON.stringify({ type: 'ping', t: 1, pad: 'x'.repeat(2048) });
    expect(parseFrame(clientFrameSchema, big, 1024)).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('a valid events frame round-trips; a tampered hash field is refused', () => {
    const events = sealAll(smallDrafts());
    const frame = { type: 'events', region: '430000', fromSeq: 1, events };
    expect(parseFrame(serverFrameSchema, JSON.stringify(frame))).toMatchObject({ ok: true });
    const bad = { ...frame, events: [{ ...events[0], hash: 'not-a-hash' }] };
    expect(parseFrame(serverFrameSchema, JSON.stringify(bad))).toMatchObject({ ok: false, code: 'malformed' });
    expect(parseFrame(serverFrameSchema, new TextEncoder().encode(JSON.stringify(frame)))).toMatchObject({ ok: true });
    expect(parseFrame(serverFrameSchema, new Uint8Array([0xff, 0xfe, 0x7b]))).toMatchObject({ ok: false, code: 'malformed' });
  });
});
