import { describe, expect, it } from 'vitest';
import { createInrsApi, type ChannelName, type Result, type RotationView } from '../../../../shared/contract';
import { createOptimisationStore } from './optimisation-store';

const view = (region: string | null): RotationView => ({
  region,
  firstMonth: '2027-01',
  months: ['2027-01', '2027-02'],
  depots: [
    { code: 'HN-1', nameZh: '湖南一库', nameEn: 'Hunan 1', region: '430000' },
    { code: 'SC-1', nameZh: '四川一库', nameEn: 'Sichuan 1', region: '510000' },
  ],
  categories: [],
  rotations: [
    { lot: 'L1', depot: 'HN-1', category: 'GR-RICE', quantity: 10, month: '2027-01', sellBy: '2027-02', arrives: '2027-02', cost: 1 },
    { lot: 'L2', depot: 'SC-1', category: 'GR-RICE', quantity: 4, month: '2027-02', sellBy: '2027-02', arrives: '2027-03', cost: 1 },
  ],
  floorByMonth: [],
  unplanned: [],
  cost: 2,
  model: { columns: 0, rows: 0, binaries: 0, solverMs: 0, models: 1 },
  solveMillis: 1,
});

/** A host stand-in over the real contract API: answers from a script, pushes progress for the run asked. */
function fakeHost(answer: (channel: ChannelName, request: unknown) => Promise<Result<unknown>>) {
  const calls: { channel: ChannelName; request: unknown }[] = [];
  const listeners = new Set<(payload: unknown) => void>();
  const api = createInrsApi(
    async (channel, request) => {
      calls.push({ channel, request });
      const runId = (request as { runId?: string } | undefined)?.runId;
      if (runId) for (const l of listeners) l({ runId, task: 'rotation', phase: 'solving', done: 0, total: 1 });
      return answer(channel, request);
    },
    (_name, listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  );
  return { api, calls };
}

describe('optimisation store', () => {
  it('plans once per scope, shows the host progress while it runs, and a failure with its message', async () => {
    let fail = true;
    const { api, calls } = fakeHost(async (channel, request) => {
      if (channel !== 'optimisation:rotation') return { ok: true, value: null };
      if (fail) return { ok: false, error: { code: 'internal', message: 'optimisation:rotation: the optimisation solver stopped (exit code 1)' } };
      return { ok: true, value: view((request as { region: string | null }).region) };
    });
    const store = createOptimisationStore(() => api);
    const seen: string[] = [];
    store.subscribe((s) => seen.push(s.rotation.status === 'running' ? `running:${s.rotation.progress?.phase ?? '-'}` : s.rotation.status));
    await store.getState().actions.planRotation(null);
    expect(seen).toContain('running:solving');
    expect(store.getState().rotation).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('exit code 1') } });
    // The same scope is not asked again on its own; a retry (force) is.
    await store.getState().actions.planRotation(null);
    expect(calls.filter((c) => c.channel === 'optimisation:rotation')).toHaveLength(1);
    fail = false;
    await store.getState().actions.planRotation(null, true);
    expect(store.getState().rotation).toMatchObject({ status: 'done', key: 'all' });
    await store.getState().actions.planRotation('430000');
    expect(calls.filter((c) => c.channel === 'optimisation:rotation').map((c) => (c.request as { region: string | null }).region)).toEqual([null, null, '430000']);
  });

  it('drops the answer for a scope the wall has moved on from', async () => {
    const waiting: ((r: Result<unknown>) => void)[] = [];
    const { api } = fakeHost((channel, request) =>
      channel === 'optimisation:rotation' ? new Promise((resolve) => waiting.push(() => resolve({ ok: true, value: view((request as { region: string | null }).region) }))) : Promise.resolve({ ok: true, value: null }),
    );
    const store = createOptimisationStore(() => api);
    const first = store.getState().actions.planRotation(null);
    const second = store.getState().actions.planRotation('430000');
    waiting[1]!({ ok: true, value: null });
    await second;
    waiting[0]!({ ok: true, value: null });
    await first;
    expect(store.getState().rotation).toMatchObject({ status: 'done', key: '430000', value: { region: '430000' } });
  });

  it('issues the selected rows; what the servers accepted leaves the selection, the rest stays to be issued again', async () => {
    const { api, calls } = fakeHost(async (channel) => {
      if (channel === 'optimisation:rotation') return { ok: true, value: view(null) };
      if (channel === 'optimisation:issue-rotation') {
        return {
          ok: true,
          value: {
            results: [
              { region: '430000', month: '2027-01', instructionId: 'ROT-202701-20261205-AAAAAA-430000', lines: 1, status: 'accepted', code: null, reason: null, seq: 9 },
              { region: '510000', month: '2027-02', instructionId: 'ROT-202702-20261205-AAAAAA-510000', lines: 1, status: 'not-sent', code: 'no-link', reason: 'no link', seq: null },
            ],
          },
        };
      }
      return { ok: true, value: null };
    });
    const store = createOptimisationStore(() => api);
    await store.getState().actions.planRotation(null);
    const { toggle, askIssue, issue } = store.getState().actions;
    askIssue();
    expect(store.getState().issue.status).toBe('idle');
    toggle(['L1|HN-1', 'L2|SC-1'], true);
    askIssue();
    expect(store.getState().issue.status).toBe('confirming');
    await issue('全国轮换计划');
    expect(calls.find((c) => c.channel === 'optimisation:issue-rotation')?.request).toEqual({
      label: '全国轮换计划',
      rotations: [
        { lot: 'L1', depot: 'HN-1', category: 'GR-RICE', quantity: 10, month: '2027-01' },
        { lot: 'L2', depot: 'SC-1', category: 'GR-RICE', quantity: 4, month: '2027-02' },
      ],
    });
    expect(store.getState().issue.status).toBe('done');
    expect([...store.getState().selected]).toEqual(['L2|SC-1']);
  });
});
