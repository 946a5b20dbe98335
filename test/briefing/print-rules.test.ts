import { describe, expect, it } from 'vitest';
import { parseAt } from '../../src/core/briefing/at-time';
import { BriefingError } from '../../src/core/briefing';
import { albers, fitProjection } from '../../src/core/briefing/pdf/projection';
import { riskColour, riskLegend } from '../../src/core/briefing/pdf/risk-colour';
import { beijingTime } from '../../src/core/briefing/pdf/time';
import { riskColor, riskLegend as mapLegend } from '../../src/renderer/src/map/scales/color-scales';

const hex = ([r, g, b]: readonly number[]) => `#${[r, g, b].map((c) => (c ?? 0).toString(16).padStart(2, '0')).join('')}`;

describe('the printed briefing follows the app', () => {
  it('colours a province exactly as the app map does, for every index from 0 to 100', () => {
    for (let i = 0; i <= 1000; i++) expect(riskColour(i / 10), `index ${i / 10}`).toBe(hex(riskColor(i / 10)));
    expect(riskLegend().map((l) => l.colour)).toEqual(mapLegend().map((l) => hex(l.colour)));
  });

  it('projects the mainland inside its box, north up and west left', () => {
    const box = { x: 40, y: 60, width: 500, height: 400 };
    const project = fitProjection([73, 17.5, 135.5, 54], box);
    const corners = [[73, 17.5], [135.5, 17.5], [73, 54], [135.5, 54], [105, 35]] as const;
    for (const c of corners) {
      const [x, y] = project(c);
      expect(x).toBeGreaterThanOrEqual(box.x - 1e-6);
      expect(x).toBeLessThanOrEqual(box.x + box.width + 1e-6);
      expect(y).toBeGreaterThanOrEqual(box.y - 1e-6);
      expect(y).toBeLessThanOrEqual(box.y + box.height + 1e-6);
    }
    const [beijingX, beijingY] = project([116.4, 39.9]);
    const [changshaX, changshaY] = project([112.9, 28.2]);
    expect(beijingY).toBeLessThan(changshaY);
    expect(changshaX).toBeLessThan(beijingX);
    // The central meridian is straight up.
    expect(albers([105, 20])[0]).toBeCloseTo(0, 12);
  });

  it('prints times in Beijing time and reads --at only as an instant with its zone', () => {
    expect(beijingTime('2025-06-30T16:30:00Z')).toBe('2025-07-01 00:30');
    expect(parseAt(undefined)).toBeNull();
    expect(parseAt('now')).toBeNull();
    expect(parseAt('2025-07-01T00:30:00+08:00')).toBe('2025-06-30T16:30:00.000Z');
    for (const bad of ['2025-07-01', '2025-07-01T00:30:00', 'yesterday', '2025-13-01T00:00:00Z']) {
      expect(() => parseAt(bad), bad).toThrow(BriefingError);
    }
  });
});
