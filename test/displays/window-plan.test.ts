import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKSTATION_LAYOUT, type WorkstationLayout } from '../../src/shared/contract/display-schemas';
import { displayKeys, type DisplayDesc } from '../../src/main/displays/display-key';
import { planWindows } from '../../src/main/displays/window-plan';
import { HOST_WALLS } from '../../src/main/displays/wall-names';
import { WALL_TYPES } from '../../src/renderer/src/walls/layout';

const WALLS = ['national-overview', 'region-focus', 'category-reserves', 'alerts-tasks', 'traceability'];

function display(id: string, x: number, opts: Partial<DisplayDesc> = {}): DisplayDesc {
  const bounds = { x, y: 0, width: 1920, height: 1080 };
  return { id, label: '', bounds, workArea: { ...bounds, height: 1040 }, scaleFactor: 1, primary: false, ...opts };
}

const plan = (displays: DisplayDesc[], layout: WorkstationLayout = DEFAULT_WORKSTATION_LAYOUT, kiosk = false) =>
  planWindows(displays, layout, { walls: WALLS, kiosk });
const wallsOf = (p: ReturnType<typeof plan>) => Object.fromEntries(p.windows.map((w) => [w.displayId, w.wall]));

/** Simulates a restart: the same monitors come back with new platform ids. */
const renumber = (displays: DisplayDesc[], offset: number) => displays.map((d) => ({ ...d, id: String(Number(d.id) + offset) }));

describe('window plan', () => {
  it('the host wall list is the renderer catalogue', () => {
    expect([...HOST_WALLS]).toEqual([...WALL_TYPES]);
  });

  it('first start: the primary gets the default wall, the others the next walls in catalogue order', () => {
    const displays = [display('1', 0, { primary: true }), display('2', 1920), display('3', 3840)];
    const p = plan(displays);
    expect(wallsOf(p)).toEqual({ '1': 'national-overview', '2': 'region-focus', '3': 'category-reserves' });
    expect(p.windows.every((w) => w.fullscreen && !w.kiosk)).toBe(true);
    expect(p.windows.map((w) => w.bounds.x)).toEqual([0, 1920, 3840]);
    expect(p.layout.assignments).toHaveLength(3);
    expect(p.parked).toEqual([]);
  });

  it('one display on a desk: a normal window on its work area, not full screen (unless kiosk)', () => {
    const p = plan([display('7', 0, { primary: true })]);
    expect(p.windows).toEqual([{ displayId: '7', displayKey: 'display|1920x1080|0', wall: 'national-overview', bounds: { x: 0, y: 0, width: 1920, height: 1040 }, fullscreen: false, kiosk: false }]);
    const k = plan([display('7', 0, { primary: true })], DEFAULT_WORKSTATION_LAYOUT, true);
    expect(k.windows[0]).toMatchObject({ fullscreen: true, kiosk: true, bounds: { height: 1080 } });
  });

  it('after a restart with new display ids, every wall comes back to the same monitor', () => {
    const displays = [display('1', 0, { primary: true, label: 'DELL U2720Q' }), display('2', 1920, { label: 'LG 27UK' }), display('3', 3840, { label: 'LG 27UK' })];
    const first = plan(displays);
    const edited: WorkstationLayout = { ...first.layout, assignments: first.layout.assignments.map((a, i) => ({ ...a, wall: ['alerts-tasks', 'traceability', 'national-overview'][i]! })) };
    const before = plan(displays, edited);
    const after = plan(renumber(displays, 100), edited);
    expect(after.windows.map((w) => [w.displayKey, w.wall, w.bounds.x])).toEqual(before.windows.map((w) => [w.displayKey, w.wall, w.bounds.x]));
    expect(after.layout).toBe(edited);
  });

  it('re-ordered displays: a labelled monitor keeps its wall wherever it is placed', () => {
    const a = display('1', 0, { primary: true, label: 'A' });
    const b = display('2', 1920, { label: 'B' });
    const layout: WorkstationLayout = { ...DEFAULT_WORKSTATION_LAYOUT, assignments: [{ displayKey: 'A|1920x1080|0', wall: 'alerts-tasks' }, { displayKey: 'B|1920x1080|0', wall: 'category-reserves' }] };
    const swapped = [{ ...a, bounds: { ...a.bounds, x: 1920 } }, { ...b, bounds: { ...b.bounds, x: 0 } }];
    const p = plan(swapped, layout);
    expect(wallsOf(p)).toEqual({ '1': 'alerts-tasks', '2': 'category-reserves' });
    expect(p.windows.map((w) => w.displayId)).toEqual(['2', '1']);
  });

  it('identical monitors without labels are told apart by position order', () => {
    const keys = displayKeys([display('9', 3840), display('4', 0), display('5', 1920)]);
    expect(keys.get('4')).toBe('display|1920x1080|0');
    expect(keys.get('5')).toBe('display|1920x1080|1');
    expect(keys.get('9')).toBe('display|1920x1080|2');
  });

  it('a removed display parks its wall when every remaining display shows one, and it returns with the display', () => {
    const displays = [display('1', 0, { primary: true }), display('2', 1920), display('3', 3840)];
    const layout = plan(displays).layout;
    const without = plan([displays[0]!, displays[1]!], layout);
    expect(wallsOf(without)).toEqual({ '1': 'national-overview', '2': 'region-focus' });
    expect(without.parked).toEqual(['category-reserves']);
    expect(without.layout.assignments).toHaveLength(3);
    const back = plan(displays, without.layout);
    expect(wallsOf(back)).toEqual({ '1': 'national-overview', '2': 'region-focus', '3': 'category-reserves' });
    expect(back.parked).toEqual([]);
  });

  it("a removed display's wall moves to the primary when the primary shows nothing", () => {
    const layout: WorkstationLayout = {
      ...DEFAULT_WORKSTATION_LAYOUT,
      assignments: [{ displayKey: 'display|1920x1080|0', wall: null }, { displayKey: 'wall|3840x2160|0', wall: 'alerts-tasks' }],
    };
    const both = plan([display('1', 0, { primary: true }), display('2', 1920, { label: 'wall', bounds: { x: 1920, y: 0, width: 3840, height: 2160 } })], layout);
    expect(wallsOf(both)).toEqual({ '2': 'alerts-tasks' });
    const alone = plan([display('1', 0, { primary: true })], layout);
    expect(wallsOf(alone)).toEqual({ '1': 'alerts-tasks' });
    expect(alone.parked).toEqual([]);
  });

  it('a new display takes the wall of a display that went away (its key changed), else the next unassigned wall', () => {
    const displays = [display('1', 0, { primary: true }), display('2', 1920)];
    const layout: WorkstationLayout = { ...plan(displays).layout };
    layout.assignments = layout.assignments.map((a) => (a.wall === 'region-focus' ? { ...a, wall: 'traceability' } : a));
    const resized = [displays[0]!, { ...displays[1]!, bounds: { x: 1920, y: 0, width: 2560, height: 1440 } }];
    const p = plan(resized, layout);
    expect(wallsOf(p)).toEqual({ '1': 'national-overview', '2': 'traceability' });
    const added = plan([...displays, display('3', 3840)], layout);
    expect(wallsOf(added)['3']).toBe('region-focus');
    expect(added.layout.assignments.at(-1)).toEqual({ displayKey: 'display|1920x1080|2', wall: 'region-focus' });
  });

  it('more displays than walls: the rest get the default wall', () => {
    const displays = Array.from({ length: 7 }, (_, i) => display(String(i + 1), i * 1920, { primary: i === 0 }));
    const p = plan(displays);
    expect(p.windows.map((w) => w.wall)).toEqual([...WALLS, 'national-overview', 'national-overview']);
  });

  it('never two windows on one display, and never no window while a display exists', () => {
    const displays = [display('1', 0, { primary: true }), display('2', 1920)];
    const allOff: WorkstationLayout = { ...DEFAULT_WORKSTATION_LAYOUT, assignments: [{ displayKey: 'display|1920x1080|0', wall: null }, { displayKey: 'display|1920x1080|1', wall: null }] };
    expect(wallsOf(plan(displays, allOff))).toEqual({ '1': 'national-overview' });
    for (let n = 0; n <= 6; n += 1) {
      const ds = Array.from({ length: n }, (_, i) => display(String(i), i * 1920, { primary: i === 0 }));
      const p = plan(ds);
      expect(new Set(p.windows.map((w) => w.displayId)).size).toBe(p.windows.length);
      expect(p.windows.length).toBe(n);
    }
  });

  it('a stored wall the catalogue no longer has is treated as unassigned', () => {
    const layout: WorkstationLayout = { ...DEFAULT_WORKSTATION_LAYOUT, assignments: [{ displayKey: 'display|1920x1080|0', wall: 'retired-wall' }] };
    expect(wallsOf(plan([display('1', 0, { primary: true })], layout))).toEqual({ '1': 'national-overview' });
  });

  it('keeps at most 32 assignments, forgetting absent displays first', () => {
    const assignments = Array.from({ length: 32 }, (_, i) => ({ displayKey: `old-${i}|1x1|0`, wall: 'traceability' }));
    const p = plan([display('1', 0, { primary: true })], { ...DEFAULT_WORKSTATION_LAYOUT, assignments });
    expect(p.layout.assignments).toHaveLength(32);
    expect(p.layout.assignments.at(-1)?.displayKey).toBe('display|1920x1080|0');
    expect(p.layout.assignments[0]?.displayKey).toBe('old-1|1x1|0');
  });
});
