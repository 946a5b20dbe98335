import { describe, expect, it } from 'vitest';
import { createInrsApi, type ChannelName, type Result } from '../../../../shared/contract';
import { createTraceStore } from './trace-store';

/** A host stand-in over the real contract API, answering trace calls from a table. */
function fakeHost(answers: Partial<Record<ChannelName, (request: unknown) => Result<unknown>>>) {
  const calls: [ChannelName, unknown][] = [];
  const api = createInrsApi(
    async (channel, request) => {
      calls.push([channel, request]);
      await Promise.resolve();
      return answers[channel]?.(request) ?? { ok: false, error: { code: 'not-found', message: `${channel}: none` } };
    },
    () => () => {},
  );
  return { api, calls };
}

const lotTrace = (lotId: string) => ({ lot: { lotId }, events: [] });

describe('trace store', () => {
  it('searches, opens a lot (reported for the address), opens an instruction and goes back', async () => {
    const { api, calls } = fakeHost({
      'trace:search': () => ({ ok: true, value: [{ lotId: 'L1' }] }),
      'trace:lot': (r) => ({ ok: true, value: lotTrace((r as { lotId: string }).lotId) }),
      'trace:instruction': (r) => ({ ok: true, value: { instruction: { id: (r as { id: string }).id } } }),
    });
    const reported: (string | null)[] = [];
    const store = createTraceStore(() => api, null, (lot) => reported.push(lot));
    const { search, openLot, openInstruction, closeInstruction } = store.getState().actions;
    await search(' L1 ');
    expect(calls[0]).toEqual(['trace:search', { query: 'L1', limit: 50 }]);
    expect(store.getState().results).toEqual([{ lotId: 'L1' }]);
    await openLot('L1');
    expect(store.getState().lot?.lot.lotId).toBe('L1');
    expect(reported).toEqual(['L1']);
    await openInstruction('I-1');
    expect(store.getState().instruction?.instruction.id).toBe('I-1');
    closeInstruction();
    expect(store.getState()).toMatchObject({ instructionId: null, instruction: null, lotId: 'L1' });
  });

  it('starts on the lot the address names, and shows a host error', async () => {
    const { api } = fakeHost({});
    const store = createTraceStore(() => api, 'L9');
    expect(store.getState()).toMatchObject({ lotId: 'L9', query: 'L9', lot: null });
    await store.getState().actions.openLot('L9');
    expect(store.getState().error).toMatchObject({ code: 'not-found' });
  });

  it('drops an answer for a lot no longer shown', async () => {
    const { api } = fakeHost({ 'trace:lot': (r) => ({ ok: true, value: lotTrace((r as { lotId: string }).lotId) }) });
    const store = createTraceStore(() => api);
    const first = store.getState().actions.openLot('L1');
    const second = store.getState().actions.openLot('L2');
    await Promise.all([first, second]);
    expect(store.getState().lot?.lot.lotId).toBe('L2');
  });
});
