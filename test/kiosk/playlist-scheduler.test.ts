import { describe, expect, it } from 'vitest';
import {
  currentWall,
  initialScheduler,
  nextDeadline,
  schedulerReducer,
  shownInterrupt,
  type SchedulerConfig,
  type SchedulerEvent,
  type SchedulerState,
} from '../../src/renderer/src/kiosk/playlist-scheduler';

const PLAYLIST = ['national-overview', 'category-reserves', 'alerts-tasks'];
const config: SchedulerConfig = { playlist: PLAYLIST, intervalMs: 10_000, alertWall: 'alerts-tasks', emergencyWall: 'emergency-operations' };

type WithoutNow<E> = E extends unknown ? Omit<E, 'now'> : never;

/** A fake clock driving the scheduler the way the hook does: a tick at every deadline. */
function kiosk(c: SchedulerConfig = config) {
  let now = 0;
  let state: SchedulerState = initialScheduler(c, now);
  const shown: string[] = [];
  const send = (event: WithoutNow<SchedulerEvent>) => {
    state = schedulerReducer(state, { ...event, now } as SchedulerEvent);
    const wall = currentWall(state);
    if (wall !== null && shown.at(-1) !== wall) shown.push(wall);
  };
  send({ type: 'critical-alerts', ids: ['a-old'] });
  send({ type: 'emergency-levels', levels: { '110000': 0, '430000': 1 } });
  /** Moves the clock on by `ms`, ticking at every deadline on the way. */
  const advance = (ms: number) => {
    const end = now + ms;
    for (let d = nextDeadline(state); d !== null && d <= end; d = nextDeadline(state)) {
      now = d;
      send({ type: 'tick' });
    }
    now = end;
  };
  return { send, advance, state: () => state, shown, wall: () => currentWall(state), now: () => now };
}

describe('kiosk playlist scheduler (fake clock)', () => {
  it('rotates through the playlist at the interval, loop after loop', () => {
    const k = kiosk();
    expect(k.wall()).toBe('national-overview');
    k.advance(9_999);
    expect(k.wall()).toBe('national-overview');
    k.advance(1);
    expect(k.wall()).toBe('category-reserves');
    k.advance(10_000);
    expect(k.wall()).toBe('alerts-tasks');
    k.advance(10_000);
    expect(k.wall()).toBe('national-overview');
    expect(k.state().loops).toBe(1);
    k.advance(4 * 30_000);
    expect(k.state().loops).toBe(5);
    expect(k.shown).toEqual(Array.from({ length: 6 }, () => PLAYLIST).flat().slice(0, 16));
  });

  it('alerts and levels present at start do not interrupt; one wall or none does not rotate', () => {
    const k = kiosk();
    expect(k.state().interrupts).toEqual([]);
    const single = kiosk({ ...config, playlist: ['traceability'] });
    expect(nextDeadline(single.state())).toBeNull();
    expect(single.wall()).toBe('traceability');
    const none = kiosk({ ...config, playlist: [] });
    expect(none.wall()).toBeNull();
  });

  it('starts at the given index (a window whose wall is in the playlist)', () => {
    const k = kiosk({ ...config, startIndex: 2 });
    expect(k.wall()).toBe('alerts-tasks');
    k.advance(10_000);
    expect(k.wall()).toBe('national-overview');
    expect(k.state().loops).toBe(1);
  });

  it('a new critical alert during rotation shows the alerts wall at once and holds it until acknowledged, then resumes where it was', () => {
    const k = kiosk();
    k.advance(12_000);
    expect(k.wall()).toBe('category-reserves');
    k.send({ type: 'critical-alerts', ids: ['a-old', 'a-new'] });
    expect(k.wall()).toBe('alerts-tasks');
    expect(shownInterrupt(k.state())).toMatchObject({ kind: 'alert', alertIds: ['a-new'] });
    k.advance(120_000);
    expect(k.wall()).toBe('alerts-tasks');
    k.send({ type: 'critical-alerts', ids: ['a-old', 'a-new'] });
    expect(k.wall()).toBe('alerts-tasks');
    k.send({ type: 'acknowledge' });
    expect(k.wall()).toBe('category-reserves');
    k.advance(9_999);
    expect(k.wall()).toBe('category-reserves');
    k.advance(1);
    expect(k.wall()).toBe('alerts-tasks');
    k.advance(10_000);
    expect(k.wall()).toBe('national-overview');
  });

  it('an alert acknowledged or cleared elsewhere (no longer open) releases the hold; re-raised it interrupts again', () => {
    const k = kiosk();
    k.send({ type: 'critical-alerts', ids: ['a-old', 'a-1'] });
    k.send({ type: 'critical-alerts', ids: ['a-old', 'a-1', 'a-2'] });
    expect(shownInterrupt(k.state())?.alertIds).toEqual(['a-1', 'a-2']);
    k.send({ type: 'critical-alerts', ids: ['a-old', 'a-2'] });
    expect(k.wall()).toBe('alerts-tasks');
    k.send({ type: 'critical-alerts', ids: ['a-old'] });
    expect(k.state().interrupts).toEqual([]);
    expect(k.wall()).toBe('national-overview');
    k.send({ type: 'critical-alerts', ids: ['a-old', 'a-1'] });
    expect(k.wall()).toBe('alerts-tasks');
  });

  it("a region's level rising shows the emergency wall, held until the level drops", () => {
    const k = kiosk();
    k.advance(25_000);
    expect(k.wall()).toBe('alerts-tasks');
    k.send({ type: 'emergency-levels', levels: { '110000': 0, '430000': 3 } });
    expect(k.wall()).toBe('emergency-operations');
    expect(shownInterrupt(k.state())).toMatchObject({ region: '430000', rank: 3 });
    k.advance(60_000);
    k.send({ type: 'emergency-levels', levels: { '110000': 0, '430000': 3 } });
    expect(k.wall()).toBe('emergency-operations');
    k.send({ type: 'emergency-levels', levels: { '110000': 0, '430000': 2 } });
    expect(k.wall()).toBe('alerts-tasks');
    k.advance(10_000);
    expect(k.wall()).toBe('national-overview');
  });

  it('a level that only falls, or a region that stays normal, never interrupts; a region gone from the list counts as normal', () => {
    const k = kiosk();
    k.send({ type: 'emergency-levels', levels: { '110000': 0, '430000': 0 } });
    expect(k.state().interrupts).toEqual([]);
    k.send({ type: 'emergency-levels', levels: { '510000': 2 } });
    expect(k.wall()).toBe('emergency-operations');
    k.send({ type: 'emergency-levels', levels: {} });
    expect(k.state().interrupts).toEqual([]);
  });

  it('two interrupts: the emergency shows over the alert; acknowledging one shows the other; then the playlist resumes', () => {
    const k = kiosk();
    k.advance(10_000);
    expect(k.wall()).toBe('category-reserves');
    k.send({ type: 'critical-alerts', ids: ['a-old', 'a-9'] });
    expect(k.wall()).toBe('alerts-tasks');
    k.advance(1_000);
    k.send({ type: 'emergency-levels', levels: { '430000': 4 } });
    expect(k.wall()).toBe('emergency-operations');
    k.send({ type: 'critical-alerts', ids: ['a-old', 'a-9', 'a-10'] });
    expect(k.wall()).toBe('emergency-operations');
    k.send({ type: 'acknowledge' });
    expect(k.wall()).toBe('alerts-tasks');
    expect(shownInterrupt(k.state())?.alertIds).toEqual(['a-9', 'a-10']);
    k.send({ type: 'acknowledge', id: 'alerts' });
    expect(k.wall()).toBe('category-reserves');
    // The acknowledged level does not come back while it stays; a further rise does.
    k.send({ type: 'emergency-levels', levels: { '430000': 4 } });
    expect(k.state().interrupts).toEqual([]);
    expect(k.shown).toEqual(['national-overview', 'category-reserves', 'alerts-tasks', 'emergency-operations', 'alerts-tasks', 'category-reserves']);
  });

  it('two regions rising: the more severe first, each released by its own level', () => {
    const k = kiosk();
    k.send({ type: 'emergency-levels', levels: { '430000': 2, '510000': 0 } });
    k.send({ type: 'emergency-levels', levels: { '430000': 2, '510000': 4 } });
    expect(shownInterrupt(k.state())?.region).toBe('510000');
    k.send({ type: 'emergency-levels', levels: { '430000': 2, '510000': 1 } });
    expect(shownInterrupt(k.state())?.region).toBe('430000');
    k.send({ type: 'emergency-levels', levels: { '430000': 1, '510000': 1 } });
    expect(k.state().interrupts).toEqual([]);
    expect(k.wall()).toBe('national-overview');
  });

  it('the rotation clock is paused while interrupted and nothing is due', () => {
    const k = kiosk();
    k.send({ type: 'critical-alerts', ids: ['a-old', 'x'] });
    expect(nextDeadline(k.state())).toBeNull();
    k.send({ type: 'acknowledge' });
    expect(nextDeadline(k.state())).toBe(k.now() + 10_000);
    k.send({ type: 'acknowledge' });
    expect(nextDeadline(k.state())).toBe(k.now() + 10_000);
  });

  it('a machine that slept steps one wall, not through every wall it missed', () => {
    const k = kiosk();
    k.advance(10_000);
    const state = schedulerReducer(k.state(), { type: 'tick', now: 500_000 });
    expect(currentWall(state)).toBe('alerts-tasks');
    expect(nextDeadline(state)).toBe(510_000);
  });

  it('reconfiguring keeps held interrupts (on the new walls) and what was seen', () => {
    const k = kiosk();
    k.send({ type: 'critical-alerts', ids: ['a-old', 'z'] });
    k.send({ type: 'configure', config: { ...config, playlist: ['traceability', 'region-focus'], alertWall: 'alerts-tasks', emergencyWall: 'region-focus' } });
    expect(k.wall()).toBe('alerts-tasks');
    k.send({ type: 'acknowledge' });
    expect(k.wall()).toBe('traceability');
    k.send({ type: 'critical-alerts', ids: ['a-old', 'z'] });
    expect(k.state().interrupts).toEqual([]);
  });
});
