import { describe, expect, it } from 'vitest';
import { createRegionObservations } from '../../src/core/alerts/region-observations';
import { createSituationQueries } from '../../src/core/replica/situation';
import { situationFilterSchema } from '../../src/shared/contract/situation-schemas';
import { provincePopulation } from '../../src/shared/domain/population';
import { needDays, supportedDays } from '../../src/shared/domain/reserve-figures';
import type { CategoryClass } from '../../src/shared/domain/events';
import { seededReplica } from './support/seeded-replica';

/*
 * Days supported and plan completion per region × category on a real encrypted replica seeded
 * with every province's log, against the situation picture filtered to that region and category:
 * the rule reads the number the map shows.
 */
const seeded = seededReplica('inrs-region-obs-');

describe('region × category observations', () => {
  it('equal the situation picture of the region filtered to the category', () => {
    const situation = createSituationQueries(seeded().db);
    const observe = createRegionObservations(seeded().db);
    let compared = 0;
    for (const region of ['430000', '110000', '650000']) {
      const obs = observe([region]);
      expect(obs.length).toBeGreaterThan(0);
      for (const o of obs) {
        expect(o).toMatchObject({ region, depot: null, subject: `region:${region}:${o.category}` });
        const province = situation.snapshot(situationFilterSchema.parse({ regions: [region], categories: [o.category] })).provinces[0];
        const cls = province?.classes?.find((c) => c.class === o.class);
        expect(cls, `${region} ${o.category}`).toBeDefined();
        if (o.measure === 'plan-completion') expect(o.value).toBeCloseTo(cls?.planCompletion ?? -1, 12);
        else expect(o.value).toBeCloseTo(supportedDays((cls?.personsSupported ?? -1) * needDays(o.class as CategoryClass), provincePopulation(region)), 12);
        compared++;
      }
      // A category the region plans shows plan completion on the map as in the rule.
      const planned = obs.filter((o) => o.measure === 'plan-completion');
      expect(planned.length).toBeGreaterThan(0);
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('moves with the stock: an issue lowers the region’s days supported of that category alone', () => {
    const observe = createRegionObservations(seeded().db);
    const before = observe(['430000']).filter((o) => o.measure === 'supported-days');
    const lot = seeded().db
      .prepare<[], { depot: string; category: string; lot_id: string }>(
        `SELECT ls.depot, l.category, ls.lot_id FROM lot_stock ls JOIN lots l ON l.id = ls.lot_id JOIN depots d ON d.code = ls.depot
         JOIN categories c ON c.code = l.category WHERE d.region = '430000' AND ls.quantity > 100 AND c.per_capita_daily > 0 ORDER BY ls.lot_id LIMIT 1`,
      )
      .get();
    if (!lot) throw new Error('no held lot in 430000');
    // What a projected issue leaves behind in the summaries the situation reads.
    seeded().db.prepare('UPDATE depot_stock SET quantity = quantity - 100 WHERE depot = ? AND category = ?').run(lot.depot, lot.category);
    const after = observe(['430000']).filter((o) => o.measure === 'supported-days');
    for (const o of after) {
      const was = before.find((b) => b.subject === o.subject)?.value ?? NaN;
      if (o.category === lot.category) expect(o.value).toBeLessThan(was);
      else expect(o.value).toBe(was);
    }
  });
});
