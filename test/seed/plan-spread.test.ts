import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { createSituationQueries } from '../../src/core/replica/situation';
import { seedInto } from '../../src/core/seed/seed-replica';
import { situationFilterSchema } from '../../src/shared/contract/situation-schemas';
import { PLAN_BANDS, planBand, planColour, RISK_COLOURS, riskColour, toCss } from '../../src/shared/domain/colour-scales';
import { DEFAULT_AS_OF, DEFAULT_SEED } from '../../src/core/seed/defaults';

/**
 * The colour scales are calibrated on the demo dataset: three of its provinces (Ningxia,
 * Tianjin, Shanghai) seeded at demo scale with the demo's seed into a real encrypted replica.
 */
let dir: string;
let replica: Replica;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-plan-spread-'));
  replica = openReplica(join(dir, 'demo-part.db'), newReplicaKey(), { create: true });
  seedInto(replica, { scale: 'demo', seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF, regions: ['000000', '640000', '120000', '310000'] });
}, 300_000);

afterAll(() => {
  replica?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo across the colour bands', () => {
  it('spreads its depots over every plan-completion band, none holding most of them', () => {
    const s = createSituationQueries(replica.db).snapshot(situationFilterSchema.parse({}));
    const depots = s.depots.filter((d) => ['640000', '120000', '310000'].includes(d.region));
    expect(depots.length).toBeGreaterThan(20);
    const count = new Map<string, number>();
    for (const d of depots) {
      expect(d.planCompletion, d.code).not.toBeNull();
      const band = planBand(d.planCompletion ?? 0);
      count.set(band, (count.get(band) ?? 0) + 1);
    }
    for (const band of PLAN_BANDS) expect(count.get(band) ?? 0, band).toBeGreaterThan(0);
    expect(Math.max(...count.values())).toBeLessThan(depots.length * 0.6);
    // The colours drawn are as many as the bands: colour carries the band.
    expect(new Set(depots.map((d) => toCss(planColour(d.planCompletion)))).size).toBe(PLAN_BANDS.length);
  });

  it('draws no province red that is not in the severe band', () => {
    const s = createSituationQueries(replica.db).snapshot(situationFilterSchema.parse({}));
    for (const p of s.provinces) {
      if (toCss(riskColour(p.riskIndex)) === toCss(RISK_COLOURS.severe)) expect(p.riskBand).toBe('severe');
      expect(p.planCompletion).toBeGreaterThan(0);
    }
  });
});
