import { describe, expect, it } from 'vitest';
import { createInrsApi, type ReplayRange } from '../../../shared/contract';
import { advance, clampMoment, spanOf } from './replay-logic';
import { createReplayStore } from './replay-store';

const range: ReplayRange = { from: '2026-10-01T00:00:00Z', to: '2026-10-31T10:00:00Z', index: { indexed: 10, total: 10, complete: true, ready: true } };
const span = { from: Date.parse('2026-10-01T00:00:00Z'), to: Date.parse('2026-10-31T10:00:00Z') };

describe('replay logic', () => {
  it('keeps a moment inside the range, on a whole second', () => {
    expect(clampMoment(span, span.from - 5)).toBe(span.from);
    expect(clampMoment(span, span.to + 60_000)).toBe(span.to);
    expect(clampMoment(span, span.from + 1500)).toBe(span.from + 1000);
  });

  it('advances by the speed for the elapsed time and ends at the live end', () => {
    expect(advance(span, span.from, 'hour', 1000)).toEqual({ at: span.from + 3_600_000, ended: false });
    expect(advance(span, span.from, 'day', 500)).toEqual({ at: span.from + 43_200_000, ended: false });
    expect(advance(span, span.to - 1000, 'sixHours', 1000)).toEqual({ at: span.to, ended: true });
  });

  it('has no span while nothing is indexed', () => {
    expect(spanOf(null)).toBeNull();
    expect(spanOf({ ...range, from: null })).toBeNull();
    expect(spanOf(range)).toEqual(span);
  });
});

describe('replay store', () => {
  it('seeks inside the range, plays from a day back, pauses, and returns to live', async () => {
    const store = createReplayStore(() => createInrsApi(() => Promise.resolve({ ok: true, value: range }), () => () => {}));
    const { actions } = store.getState();
    actions.seek(span.from); // no range yet: nothing to seek in
    expect(store.getState().at).toBeNull();
    await actions.loadRange();
    actions.seek(span.from - 86_400_000);
    expect(store.getState().at).toBe('2026-10-01T00:00:00Z');
    actions.live();
    actions.play();
    expect(store.getState()).toMatchObject({ at: '2026-10-30T10:00:00Z', playing: true });
    actions.tick(1000);
    expect(store.getState().at).toBe('2026-10-30T11:00:00Z');
    actions.pause();
    actions.tick(1000);
    expect(store.getState()).toMatchObject({ at: '2026-10-30T11:00:00Z', playing: false });
    actions.setSpeed('day');
    actions.play();
    actions.tick(2000);
    expect(store.getState()).toMatchObject({ at: '2026-10-31T10:00:00Z', playing: false });
    actions.live();
    expect(store.getState()).toMatchObject({ at: null, playing: false });
  });

  it('keeps the error of a failed range request', async () => {
    const store = createReplayStore(() =>
      createInrsApi(() => Promise.resolve({ ok: false, error: { code: 'replica-unavailable', message: 'closed' } }), () => () => {}),
    );
    await store.getState().actions.loadRange();
    expect(store.getState().error).toEqual({ code: 'replica-unavailable', message: 'closed' });
    expect(store.getState().range).toBeNull();
  });

  it('keeps the slider once the index was ready, though live events leave it behind, and cancels a seek back to the moment shown', async () => {
    const answers: ReplayRange[] = [
      { ...range, index: { indexed: 10, total: 100, complete: false, ready: false } },
      { ...range, index: { indexed: 100, total: 100, complete: true, ready: true } },
      { ...range, index: { indexed: 100, total: 103, complete: false, ready: true } },
      { ...range, index: { indexed: 100, total: 900_000, complete: false, ready: false } },
    ];
    const store = createReplayStore(() => createInrsApi(() => Promise.resolve({ ok: true, value: answers.shift() }), () => () => {}));
    const { actions } = store.getState();
    await actions.loadRange();
    expect(store.getState().built).toBe(false);
    await actions.loadRange();
    expect(store.getState().built).toBe(true);
    await actions.loadRange();
    await actions.loadRange();
    expect(store.getState()).toMatchObject({ built: true, range: { index: { ready: false } } });

    actions.seek(span.from + 86_400_000);
    actions.play();
    actions.cancelSeek('2026-10-01T00:00:00Z');
    expect(store.getState()).toMatchObject({ at: '2026-10-01T00:00:00Z', playing: false });
    actions.cancelSeek(null);
    expect(store.getState().at).toBeNull();
  });
});
