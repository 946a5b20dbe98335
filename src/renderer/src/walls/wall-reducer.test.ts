import { describe, expect, it } from 'vitest';
import { WALL_CATALOGUE } from './catalogue';
import { DEFAULT_LAYOUTS } from './default-layouts';
import { WALL_TYPES, parseWallLayout } from './layout';
import { initialWalls, isWallType, wallsReducer } from './wall-reducer';

describe('wall reducer', () => {
  const start = initialWalls(DEFAULT_LAYOUTS);

  it('walks the walls forward and back, wrapping around', () => {
    expect(start.current).toBe('national-overview');
    const two = wallsReducer(wallsReducer(start, { type: 'next' }), { type: 'next' });
    expect(two.current).toBe('category-reserves');
    expect(wallsReducer(start, { type: 'previous' }).current).toBe(WALL_TYPES.at(-1));
    let s = start;
    for (let i = 0; i < WALL_TYPES.length; i++) s = wallsReducer(s, { type: 'next' });
    expect(s.current).toBe('national-overview');
  });

  it('selects a known wall and ignores an unknown one', () => {
    expect(wallsReducer(start, { type: 'select', wall: 'alerts-tasks' }).current).toBe('alerts-tasks');
    expect(wallsReducer(start, { type: 'select', wall: 'nope' as never })).toBe(start);
  });

  it('sets and clears a wall parameter without touching other walls or the input', () => {
    const before = JSON.stringify(start);
    const s = wallsReducer(start, { type: 'set-param', wall: 'category-reserves', key: 'category', value: 'WA-BOTTLE' });
    expect(s.layouts['category-reserves'].params.category).toBe('WA-BOTTLE');
    expect(s.layouts['region-focus']).toBe(start.layouts['region-focus']);
    expect(JSON.stringify(start)).toBe(before);
    const cleared = wallsReducer(s, { type: 'set-param', wall: 'category-reserves', key: 'category', value: undefined });
    expect(cleared.layouts['category-reserves'].params).toEqual({});
    expect(wallsReducer(s, { type: 'reset', defaults: DEFAULT_LAYOUTS }).layouts).toEqual(DEFAULT_LAYOUTS);
  });

  it('keeps layouts serialisable: a JSON round trip parses to the same layout', () => {
    for (const type of WALL_TYPES) {
      const layout = DEFAULT_LAYOUTS[type];
      expect(parseWallLayout(JSON.parse(JSON.stringify(layout)))).toEqual(layout);
      expect(layout.type).toBe(type);
    }
  });

  it('refuses a layout that places a panel outside its grid', () => {
    const bad = { ...DEFAULT_LAYOUTS['alerts-tasks'], panels: [{ id: 'x', kind: 'map', area: 'nowhere' }] };
    expect(() => parseWallLayout(bad)).toThrow(/unknown area nowhere/);
    expect(() => parseWallLayout({ ...bad, version: 2 })).toThrow();
  });

  it('has a catalogue entry for every wall type', () => {
    expect(WALL_CATALOGUE.map((w) => w.type)).toEqual([...WALL_TYPES]);
    expect(isWallType('region-focus')).toBe(true);
    expect(isWallType('x')).toBe(false);
  });
});
