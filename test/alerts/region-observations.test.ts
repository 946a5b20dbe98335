import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegionObservations } from '../../src/core/alerts/region-observations';
import { createKeyFile } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { createSituationQueries } from '../../src/core/replica/situation';
import { seedInto } from '../../src/core/seed/seed-replica';
import { situationFilterSchema } from '../../src/shared/contract/situation-schemas';
import { provincePopulation } from '../../src/shared/domain/population';
import { needDays, supportedDays } from '../../src/shared/domain/reserve-figures';
import type { CategoryClass } from '../../src/shared/domain/events';
import { TINY } from '../seed/fixtures';

/*
 * Days supported and plan completion per region × category on a real encrypted replica seeded
 * with every province's log, against the situation picture filtered to that region and category:
 * the rule reads the number the map shows.
 */
let dir: string;
let replica: Replica;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-region-obs-'));
  replica = openReplica(join(dir, 'replica.db'), createKeyFile(join(dir, 'replica.key')), { create: true });
  seedInto(replica, TINY);
}, 120_000);
afterAll(() => {
  replica?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('region × category observations', () => {
  it('equal the situation picture of the region filtered to the category', () => {
    const situation = createSituationQueries(replica.db);
    const observe = createRegionObservations(replica.db);
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
    const observe = createRegionObservations(replica.db);
    const before = observe(['430000']).filter((o) => o.measure === 'supported-days');
    const lot = replica.db
      .prepare<[], { depot: string; category: string; lot_id: string }>(
        `SELECT ls.depot, l.category, ls.lot_id FROM lot_stock ls JOIN lots l ON l.id = ls.lot_id JOIN depots d ON d.code = ls.depot
         JOIN categories c ON c.code = l.category WHERE d.region = '430000' AND ls.quantity > 100 AND c.per_capita_daily > 0 ORDER BY ls.lot_id LIMIT 1`,
      )
      .get();
    if (!lot) throw new Error('no held lot in 430000');
    // What a projected issue leaves behind in the summaries the situation reads.
    replica.db.prepare('UPDATE depot_stock SET quantity = quantity - 100 WHERE depot = ? AND category = ?').run(lot.depot, lot.category);
    const after = observe(['430000']).filter((o) => o.measure === 'supported-days');
    for (const o of after) {
      const was = before.find((b) => b.subject === o.subject)?.value ?? NaN;
      if (o.category === lot.category) expect(o.value).toBeLessThan(was);
      else expect(o.value).toBe(was);
    }
  });
});
