import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKSTATION_LAYOUT, type WorkstationLayout } from '../../src/shared/contract/display-schemas';
import { createBrowserDisplays } from '../../src/main/displays/displays-service';
import { effectiveKiosk, parseKioskFlags } from '../../src/main/displays/kiosk-settings';
import { layoutFileIn, loadWorkstationLayout, saveWorkstationLayout } from '../../src/main/displays/layout-store';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const NOW = () => new Date('2026-03-01T08:00:00.000Z');

const layout: WorkstationLayout = {
  version: 1,
  assignments: [{ displayKey: 'DELL U2720Q|2560x1440|0', wall: 'alerts-tasks' }, { displayKey: 'display|1920x1080|0', wall: null }],
  defaultWall: 'national-overview',
  kiosk: { enabled: true, playlist: ['national-overview', 'alerts-tasks'], intervalSeconds: 20, cursorIdleSeconds: 5 },
};

describe('workstation layout file', () => {
  it('a missing file gives the defaults, silently', () => {
    const lines: string[] = [];
    expect(loadWorkstationLayout(join(tempDir(), 'none.json'), (l) => lines.push(l))).toEqual(DEFAULT_WORKSTATION_LAYOUT);
    expect(lines).toEqual([]);
  });

  it('saves atomically and reads back what it saved', () => {
    const dir = tempDir();
    const file = layoutFileIn(dir);
    saveWorkstationLayout(file, layout);
    expect(readdirSync(dir)).toEqual(['workstation-layout.json']);
    expect(loadWorkstationLayout(file, () => {})).toEqual(layout);
    saveWorkstationLayout(file, { ...layout, assignments: [] });
    expect(loadWorkstationLayout(file, () => {}).assignments).toEqual([]);
    expect(readdirSync(dir)).toEqual(['workstation-layout.json']);
  });

  it('refuses to save an invalid layout and leaves the file as it was', () => {
    const file = layoutFileIn(tempDir());
    saveWorkstationLayout(file, layout);
    expect(() => saveWorkstationLayout(file, { ...layout, version: 2 } as never)).toThrow();
    expect(loadWorkstationLayout(file, () => {})).toEqual(layout);
  });

  for (const [name, text, reason] of [
    ['not JSON', '{"version": 1, "assign', /not JSON/],
    ['a wrong version', JSON.stringify({ ...layout, version: 3 }), /version/],
    ['a bad wall name', JSON.stringify({ ...layout, assignments: [{ displayKey: 'x', wall: 'DROP TABLE' }] }), /wall name/],
  ] as const) {
    it(`a corrupt file (${name}) is kept aside with a clear log line, and the defaults are used`, () => {
      const dir = tempDir();
      const file = layoutFileIn(dir);
      writeFileSync(file, text);
      const lines: string[] = [];
      expect(loadWorkstationLayout(file, (l) => lines.push(l), NOW)).toEqual(DEFAULT_WORKSTATION_LAYOUT);
      const aside = 'workstation-layout.json.corrupt-2026-03-01T08-00-00-000Z';
      expect(readdirSync(dir)).toEqual([aside]);
      expect(readFileSync(join(dir, aside), 'utf8')).toBe(text);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(file);
      expect(lines[0]).toContain(aside);
      expect(lines[0]).toMatch(reason);
    });
  }
});

describe('kiosk settings', () => {
  it('--kiosk switches kiosk on over the stored layout; flags override playlist and interval', () => {
    const off = { ...layout, kiosk: { ...layout.kiosk, enabled: false } };
    expect(effectiveKiosk(off, { kiosk: false })).toBeUndefined();
    expect(effectiveKiosk(off, { kiosk: true })).toEqual({ ...layout.kiosk, enabled: true });
    expect(effectiveKiosk(layout, { kiosk: false, playlist: 'traceability, region-focus', interval: '4' })).toEqual({
      enabled: true,
      playlist: ['traceability', 'region-focus'],
      intervalSeconds: 4,
      cursorIdleSeconds: 5,
    });
  });

  it('bad flags fail with the flag named', () => {
    expect(() => parseKioskFlags({ kiosk: true, playlist: 'national-overview,Alerts!' })).toThrow(/--playlist: not a wall name: Alerts!/);
    expect(() => parseKioskFlags({ kiosk: true, interval: '1' })).toThrow(/--interval: 1 is not/);
    expect(() => parseKioskFlags({ kiosk: true, interval: 'soon' })).toThrow(/--interval/);
  });

  it('the browser host lists one virtual display and keeps the layout in its data dir', () => {
    const dir = tempDir();
    const displays = createBrowserDisplays({ file: layoutFileIn(dir), flags: { kiosk: false }, log: () => {} });
    const list = displays.list();
    expect(list.host).toBe('browser');
    expect(list.displays).toEqual([expect.objectContaining({ virtual: true, primary: true, bounds: null })]);
    expect(displays.kiosk()).toBeUndefined();
    displays.setLayout(layout);
    expect(displays.kiosk()).toEqual(layout.kiosk);
    const again = createBrowserDisplays({ file: layoutFileIn(dir), flags: { kiosk: false }, log: () => {} });
    expect(again.list().layout).toEqual(layout);
  });
});
