import { describe, expect, it } from 'vitest';
import { parseEvidence } from './evidence';

const h = (c: string) => c.repeat(64);

describe('evidence hashes typed by a verifier', () => {
  it('takes hashes separated by spaces, commas (also full-width) and new lines, once each, lower-cased', () => {
    expect(parseEvidence(` ${h('a')},${h('B')}\n${h('a')}，${h('c')} `)).toEqual({ ok: true, value: [h('a'), h('b'), h('c')] });
    expect(parseEvidence('')).toEqual({ ok: true, value: [] });
  });

  it('names the first item that is not a SHA-256 hash, shortened', () => {
    expect(parseEvidence(`${h('a')} photo.jpg`)).toEqual({ ok: false, bad: 'photo.jpg' });
    expect(parseEvidence(h('g'))).toEqual({ ok: false, bad: `${'g'.repeat(20)}…` });
  });
});
