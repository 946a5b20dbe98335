import { describe, expect, it } from 'vitest';
import { createInrsApi, type ChannelName, type EmergencyState, type Result } from '../../../shared/contract';
import { createEmergencyStore, commandKey, emergencySelectors, onLevelRise } from './emergency-store';
import type { LevelChange } from './emergency-logic';

const HUNAN_II: EmergencyState['levels'][number] = {
  region: '430000',
  level: 'II',
  plan: '防汛Ⅱ级',
  reason: '水位超警戒',
  since: '2026-06-01T00:00:00.000Z',
  activatedBy: ['CN=甲,OU=duty-officer,O=430000', 'CN=乙,OU=duty-officer,O=430000'],
  breakGlass: false,
  countersignedBy: null,
};
const PROPOSAL: EmergencyState['proposals'][number] = {
  id: 'p-1',
  region: '430000',
  fromLevel: 'normal',
  toLevel: 'II',
  plan: '防汛Ⅱ级',
  reason: '水位超警戒',
  proposer: 'CN=甲,OU=duty-officer,O=430000',
  proposedAt: '2026-06-01T00:00:00.000Z',
  cosignBy: '2026-06-01T00:10:00.000Z',
  status: 'pending',
  closedBy: null,
  closedAt: null,
};

/** A host stand-in over the real contract API: scripted answers per channel, every call recorded. */
function fakeHost(answer: (channel: ChannelName, request: unknown) => Result<unknown>) {
  const calls: { channel: ChannelName; request: unknown }[] = [];
  const api = createInrsApi(
    async (channel, request) => {
      calls.push({ channel, request });
      return answer(channel, request);
    },
    () => () => {},
  );
  return { api, calls };
}

const state = (levels: EmergencyState['levels'], now = '2026-06-01T00:05:00.000Z'): Result<EmergencyState> => ({ ok: true, value: { levels, proposals: [PROPOSAL], now } });

describe('emergency store', () => {
  it('follows the host clock for countdowns', async () => {
    const host = fakeHost(() => state([]));
    const store = createEmergencyStore(() => host.api, () => Date.parse('2026-06-01T00:04:00.000Z'));
    await store.getState().actions.load();
    expect(store.getState().clockOffsetMs).toBe(60_000);
    expect(emergencySelectors.hostNow(store.getState())).toBe(Date.parse('2026-06-01T00:05:00.000Z'));
    store.getState().actions.tick(Date.parse('2026-06-01T00:04:30.000Z'));
    expect(emergencySelectors.hostNow(store.getState())).toBe(Date.parse('2026-06-01T00:05:30.000Z'));
  });

  it('the first read is no switch; a later change is, numbered, and rises reach subscribers', async () => {
    let levels: EmergencyState['levels'] = [];
    const host = fakeHost(() => state(levels));
    const store = createEmergencyStore(() => host.api);
    const rises: LevelChange[] = [];
    const off = onLevelRise(store, (r) => rises.push(r));
    await store.getState().actions.load();
    expect(store.getState().lastSwitch).toBeNull();
    await store.getState().actions.load();
    expect(store.getState().lastSwitch).toBeNull();
    levels = [HUNAN_II];
    await store.getState().actions.load();
    expect(store.getState().lastSwitch).toEqual({ region: '430000', from: 'normal', to: 'II', n: 1 });
    expect(rises).toEqual([{ region: '430000', from: 'normal', to: 'II' }]);
    expect(emergencySelectors.levelOf('430000')(store.getState())).toBe('II');
    levels = [];
    await store.getState().actions.load();
    expect(store.getState().lastSwitch?.n).toBe(1);
    expect(rises).toHaveLength(1);
    off();
  });

  it('a read that changes nothing keeps the data’s identity, so nothing re-renders', async () => {
    const host = fakeHost(() => state([HUNAN_II]));
    const store = createEmergencyStore(() => host.api);
    await store.getState().actions.load();
    const { levels, proposals } = store.getState();
    await store.getState().actions.load();
    expect(store.getState().levels).toBe(levels);
    expect(store.getState().proposals).toBe(proposals);
  });

  it('a level already in force when the screen starts raises nothing', async () => {
    const host = fakeHost(() => state([HUNAN_II]));
    const store = createEmergencyStore(() => host.api);
    const rises: LevelChange[] = [];
    onLevelRise(store, (r) => rises.push(r));
    await store.getState().actions.load();
    expect(rises).toEqual([]);
    expect(store.getState().lastSwitch).toBeNull();
  });

  it('sends what the officer saw as the expected level, and keeps the server’s refusal with its reason', async () => {
    const host = fakeHost((channel) => {
      if (channel === 'emergency:state') return state([HUNAN_II]);
      return { ok: true, value: { commandId: 'c-1', status: 'refused', code: 'same-officer', reason: 'a second, different officer must co-sign it', seq: null } };
    });
    const store = createEmergencyStore(() => host.api);
    await store.getState().actions.load();
    await store.getState().actions.cosign(PROPOSAL);
    expect(host.calls.at(-1)).toEqual({ channel: 'emergency:cosign', request: { region: '430000', expectedLevel: 'II', proposalId: 'p-1' } });
    expect(emergencySelectors.command(commandKey.cosign('p-1'))(store.getState())).toEqual({
      command: 'cosign',
      region: '430000',
      status: 'refused',
      commandId: 'c-1',
      code: 'same-officer',
      reason: 'a second, different officer must co-sign it',
    });
  });

  it('an accepted command re-reads the state; a host error is kept as failed with its code', async () => {
    let answer: Result<unknown> = { ok: true, value: { commandId: 'c-2', status: 'accepted', code: null, reason: null, seq: 12 } };
    const host = fakeHost((channel) => (channel === 'emergency:state' ? state([]) : answer));
    const store = createEmergencyStore(() => host.api);
    await store.getState().actions.propose({ region: '430000', toLevel: 'II', plan: '防汛', reason: '水位' });
    expect(host.calls[0]).toEqual({ channel: 'emergency:propose', request: { region: '430000', expectedLevel: 'normal', toLevel: 'II', plan: '防汛', reason: '水位' } });
    expect(store.getState().commands.propose).toMatchObject({ status: 'accepted', commandId: 'c-2' });
    await Promise.resolve();
    expect(host.calls.map((c) => c.channel)).toContain('emergency:state');

    answer = { ok: false, error: { code: 'not-connected', message: 'emergency.countersign: not connected to region 430000: the link is stale' } };
    await store.getState().actions.countersign('430000');
    expect(store.getState().commands[commandKey.countersign('430000')]).toMatchObject({ status: 'failed', code: 'not-connected', reason: expect.stringContaining('not connected') });
  });

  it('an older read that answers last is dropped', async () => {
    const releases: (() => void)[] = [];
    let n = 0;
    const api = createInrsApi(
      async () => {
        const levels = n++ === 0 ? [] : [HUNAN_II];
        await new Promise<void>((r) => releases.push(r));
        return state(levels);
      },
      () => () => {},
    );
    const store = createEmergencyStore(() => api);
    const older = store.getState().actions.load();
    const newer = store.getState().actions.load();
    await Promise.resolve();
    releases[1]?.();
    await newer;
    releases[0]?.();
    await older;
    expect(store.getState().levels).toEqual([HUNAN_II]);
  });
});
