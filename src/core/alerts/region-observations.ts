import type { RuleObservation } from '../../shared/domain/alert-rule-engine';
import type { CategoryClass } from '../../shared/domain/events';
import { provincePopulation } from '../../shared/domain/population';
import { planCompletion, supportedDays } from '../../shared/domain/reserve-figures';
import type { Db } from '../replica/open';
import { capacityInScope, plannedPersonDays } from '../replica/situation/depot-measures';
import { prepareSituationStatements } from '../replica/situation/statements';

type Statements = Pick<ReturnType<typeof prepareSituationStatements>, 'categories' | 'depots' | 'depotClassStock'>;

/**
 * `supported-days` and `plan-completion` of one region for each category, read as the
 * situation picture reads a province filtered to that one category: the same statements (depots
 * with a capacity for the class, their stock in person-days) and the same figures of
 * `reserve-figures.ts`, so a rule and the map never disagree on a number. A category with
 * nothing planned has no plan completion (as on the map) and is not observed for it.
 */
export function createRegionObservations(db: Db) {
  const s: Statements = prepareSituationStatements(db);
  return (regions: readonly string[]): RuleObservation[] => {
    const out: RuleObservation[] = [];
    const categories = s.categories.all();
    for (const region of regions) {
      const population = provincePopulation(region);
      for (const c of categories) {
        const cls = c.class as CategoryClass;
        const lists = { categories: JSON.stringify([c.code]), classes: JSON.stringify([cls]), regions: JSON.stringify([region]) };
        const norms = new Map([[c.code, { class: cls, perCapitaDaily: c.per_capita_daily }]]);
        const held = new Map(s.depotClassStock.all(lists).map((r) => [r.depot, r.person_days]));
        let heldPd = 0;
        let plannedPd = 0;
        let depots = 0;
        for (const d of s.depots.all(lists)) {
          if (!capacityInScope(d.capacity, [cls]).has(cls)) continue;
          depots++;
          heldPd += held.get(d.code) ?? 0;
          plannedPd += plannedPersonDays(d.planned, norms).get(cls) ?? 0;
        }
        if (depots === 0) continue;
        const base = { region, depot: null, class: cls, category: c.code };
        out.push({ measure: 'supported-days', subject: `region:${region}:${c.code}`, ...base, value: supportedDays(heldPd, population) });
        const completion = planCompletion(heldPd, plannedPd);
        if (completion !== null) out.push({ measure: 'plan-completion', subject: `region:${region}:${c.code}`, ...base, value: completion });
      }
    }
    return out;
  };
}
