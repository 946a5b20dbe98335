import { describe, expect, it, vi } from 'vitest';
import { createInrsApi, type Result } from '../../../shared/contract';
import { formatInstant, zoneInputToIso } from '../format/time';
import { createBriefingStore } from './briefing-store';

describe('briefing store', () => {
  it('asks the host once while a briefing runs, then shows the path or the error', async () => {
    const calls: unknown[] = [];
    let answer: (r: Result<unknown>) => void = () => {};
    const api = createInrsApi(
      (channel, request) => {
        calls.push({ channel, request });
        return new Promise((resolve) => (answer = resolve));
      },
      () => () => {},
    );
    const store = createBriefingStore(() => api, () => 1000);
    const first = store.getState().actions.run({ region: '430000' });
    void store.getState().actions.run({});
    expect(calls).toEqual([{ channel: 'briefing:export', request: { region: '430000' } }]);
    expect(store.getState()).toMatchObject({ status: 'running', startedAt: 1000 });
    const value = { file: '/data/briefings/briefing-430000.pdf', pages: 6, bytes: 1000, asOf: null, scope: '430000', millis: 5 };
    answer({ ok: true, value });
    await first;
    expect(store.getState()).toMatchObject({ status: 'done', result: value, error: null });

    const second = store.getState().actions.run({});
    answer({ ok: false, error: { code: 'internal', message: 'briefing:export: disk full' } });
    await second;
    expect(store.getState()).toMatchObject({ status: 'failed', result: null, error: { message: 'briefing:export: disk full' } });
  });

  it('hands the written PDF to the browser’s download once it is written', async () => {
    const downloads: unknown[] = [];
    const value = { file: '/data/briefings/briefing-national.pdf', pages: 6, bytes: 1000, asOf: null, scope: null, millis: 5 };
    const api = createInrsApi(
      async (channel) =>
        channel === 'briefing:export' ? { ok: true, value } : { ok: true, value: { kind: 'download', url: '/download/abc', name: 'briefing-national.pdf' } },
      () => () => {},
    );
    const store = createBriefingStore(() => api, () => 0, (path, name) => downloads.push({ path, name }));
    await store.getState().actions.run({});
    await vi.waitFor(() => expect(store.getState().delivered).toEqual({ kind: 'download', url: '/download/abc', name: 'briefing-national.pdf' }));
    expect(downloads).toEqual([{ path: '/download/abc', name: 'briefing-national.pdf' }]);
  });

  it('reads the time field as Beijing time', () => {
    expect(zoneInputToIso('2025-07-01T00:30', 'Asia/Shanghai')).toBe('2025-06-30T16:30:00.000Z');
    expect(zoneInputToIso('', 'Asia/Shanghai')).toBeNull();
    expect(formatInstant('2025-06-30T16:30:00Z')).toBe('2025-07-01 00:30 UTC+8');
  });
});
