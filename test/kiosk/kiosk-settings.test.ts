import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKSTATION_LAYOUT } from '../../src/shared/contract/display-schemas';
import { DEFAULT_KIOSK, kioskFromSearch, knownWalls, resolveKiosk } from '../../src/renderer/src/kiosk/kiosk-params';
import { assignedWall, editLayout, kioskQuery } from '../../src/renderer/src/settings/layout-draft';
import { isWallType } from '../../src/renderer/src/walls/wall-reducer';

describe('kiosk settings from the address and the host', () => {
  it('reads ?kiosk=1&playlist=…&interval=…', () => {
    expect(kioskFromSearch('?token=x&kiosk=1&playlist=national-overview,category-reserves,alerts-tasks&interval=3')).toEqual({
      enabled: true,
      playlist: ['national-overview', 'category-reserves', 'alerts-tasks'],
      intervalSeconds: 3,
    });
    expect(kioskFromSearch('?wall=alerts-tasks')).toEqual({});
    expect(kioskFromSearch('?kiosk=0')).toEqual({ enabled: false });
    expect(kioskFromSearch('?kiosk=1&interval=0&cursor=2').intervalSeconds).toBe(2);
    expect(kioskFromSearch('?kiosk=1&interval=99999').intervalSeconds).toBe(3600);
    expect(kioskFromSearch('?kiosk=1&interval=soon')).toEqual({ enabled: true });
  });

  it('the address overrides the host; kiosk off on both gives null', () => {
    const host = { enabled: true, playlist: ['traceability'], intervalSeconds: 60, cursorIdleSeconds: 9 };
    expect(resolveKiosk(undefined, {})).toBeNull();
    expect(resolveKiosk(host, { enabled: false })).toBeNull();
    expect(resolveKiosk(host, {})).toEqual(host);
    expect(resolveKiosk(host, { intervalSeconds: 3 })).toEqual({ ...host, intervalSeconds: 3 });
    expect(resolveKiosk(undefined, { enabled: true })).toEqual(DEFAULT_KIOSK);
  });

  it('unknown walls in a playlist are set apart', () => {
    expect(knownWalls(['alerts-tasks', 'weather', 'traceability'], isWallType)).toEqual({ walls: ['alerts-tasks', 'traceability'], unknown: ['weather'] });
  });
});

describe('layout edits in the settings panel', () => {
  const base = { ...DEFAULT_WORKSTATION_LAYOUT, assignments: [{ displayKey: 'a', wall: 'national-overview' }, { displayKey: 'b', wall: 'alerts-tasks' }] };

  it('assigns a wall to a display in place, or adds the display', () => {
    const changed = editLayout(base, { type: 'assign', displayKey: 'a', wall: 'traceability' });
    expect(changed.assignments).toEqual([{ displayKey: 'a', wall: 'traceability' }, { displayKey: 'b', wall: 'alerts-tasks' }]);
    expect(assignedWall(editLayout(base, { type: 'assign', displayKey: 'c', wall: null }), 'c')).toBeNull();
    expect(assignedWall(base, 'z')).toBeUndefined();
    expect(base.assignments[0]?.wall).toBe('national-overview');
  });

  it('edits the playlist: add, move up, remove; at most 20 walls', () => {
    let l = editLayout(base, { type: 'playlist-add', wall: 'national-overview' });
    l = editLayout(l, { type: 'playlist-add', wall: 'alerts-tasks' });
    l = editLayout(l, { type: 'playlist-up', index: 1 });
    expect(l.kiosk.playlist).toEqual(['alerts-tasks', 'national-overview']);
    expect(editLayout(l, { type: 'playlist-up', index: 0 })).toBe(l);
    l = editLayout(l, { type: 'playlist-remove', index: 0 });
    expect(l.kiosk.playlist).toEqual(['national-overview']);
    for (let i = 0; i < 30; i += 1) l = editLayout(l, { type: 'playlist-add', wall: 'traceability' });
    expect(l.kiosk.playlist).toHaveLength(20);
    l = editLayout(l, { type: 'kiosk', patch: { enabled: true, intervalSeconds: 15 } });
    expect(l.kiosk).toMatchObject({ enabled: true, intervalSeconds: 15 });
  });

  it('gives the browser address parameters of the same kiosk', () => {
    expect(kioskQuery({ enabled: true, playlist: ['national-overview', 'alerts-tasks'], intervalSeconds: 3, cursorIdleSeconds: 5 })).toBe(
      '&kiosk=1&playlist=national-overview,alerts-tasks&interval=3',
    );
  });
});
