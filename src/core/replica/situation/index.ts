import { createHash } from 'node:crypto';
import type { Category, DepotDetail, InstructionSummary, NationalKpis, Situation, SituationFilter, Trend } from '../../../shared/contract/situation-schemas';
import { CATEGORY_CLASSES, type CategoryClass } from '../../../shared/domain/events';
import type { RuleAlert } from '../../../shared/domain/alert-rule-engine';
import { ruleAlertInScope } from '../../../shared/domain/rule-alert-filter';
import type { Db } from '../open';
import type { RulesInForce } from './rule-alert-points';
import { dataStamp, type DataStamp } from './as-of';
import { cutKpis, cutSnapshot } from './cut';
import { depotDetail, prepareDepotDetailStatements } from './depot-detail';
import { computeFacts, type SituationFacts } from './facts';
import { prepareInstructionStatements, recentInstructions } from './instructions';
import { resolveScope, scopeKey, type CategoryRef } from './scope';
import { prepareSituationStatements } from './statements';
import { prepareTrendStatements, provinceTrend } from './trend';

/** Results kept per data version: the snapshot and the KPIs of one filter share one computation. */
const CACHE_SIZE = 8;
/** Page cache of the connection (KiB); SQLite's default of 2 MiB thrashes on a national replica. */
const PAGE_CACHE_KIB = 128 * 1024;

/** Where the rule set's alerts come from, when rules are in force on this replica. */
export interface SituationOptions {
  ruleAlerts?: () => { alerts: readonly RuleAlert[]; coveredKinds: readonly string[] };
}

/** Changes whenever a rule alert is raised, cleared or changes severity (escalation runs on the clock, not the log). */
const rulesKey = (alerts: readonly RuleAlert[]): string =>
  createHash('sha256')
    .update(alerts.map((a) => `${a.id}@${a.raisedAt}:${a.severity}`).join('\n'))
    .digest('hex')
    .slice(0, 16);

/**
 * Read-side queries of the situation picture (map, KPIs, walls, depot drawer). With
 * `ruleAlerts`, the picture's alerts are the rule set's where it covers a check (and every
 * other rule alert beside them), so the map's alert layer, the provinces' counts, the risk
 * index and the KPI strip count what the alert list shows.
 */
export function createSituationQueries(db: Db, options: SituationOptions = {}) {
  // Decrypting pages is the main cost at national scale: keep the hot ones (depots, held lots) decrypted.
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  const s = prepareSituationStatements(db);
  const detail = prepareDepotDetailStatements(db);
  const trend = prepareTrendStatements(db);
  const instructions = prepareInstructionStatements(db);
  const cache = new Map<string, SituationFacts>();
  let reference: { version: string; categories: CategoryRef[] } | null = null;

  const categoriesAt = (stamp: DataStamp): CategoryRef[] => {
    if (reference?.version !== stamp.dataVersion) {
      const order = (k: string) => CATEGORY_CLASSES.indexOf(k as CategoryClass);
      const rows = s.categories.all().sort((a, b) => order(a.class) - order(b.class) || a.code.localeCompare(b.code));
      const categories = rows.map((c) => ({
        code: c.code,
        nameZh: c.name_zh,
        nameEn: c.name_en,
        unit: c.unit,
        unitEn: c.unit_en,
        class: c.class as CategoryClass,
        perCapitaDaily: c.per_capita_daily,
        safetyFloorShare: c.safety_floor_share,
      }));
      reference = { version: stamp.dataVersion, categories };
    }
    return reference.categories;
  };

  const factsFor = (filter: SituationFilter): SituationFacts => {
    const stamp = dataStamp(s.heads.all());
    const listed = options.ruleAlerts?.();
    const rules: RulesInForce | null = listed ? { alerts: listed.alerts.filter(ruleAlertInScope(filter)), coveredKinds: new Set(listed.coveredKinds) } : null;
    const key = `${stamp.dataVersion}#${rules ? `${rulesKey(rules.alerts)}|${[...rules.coveredKinds].join(',')}` : ''}#${scopeKey(filter)}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const provinces = s.provinces.all();
    const scope = resolveScope(filter, categoriesAt(stamp), provinces.map((p) => p.adcode));
    const facts = computeFacts(s, stamp, scope, provinces, rules);
    s.depotMovements.saveAnswers();
    for (const k of cache.keys()) if (!k.startsWith(`${stamp.dataVersion}#`)) cache.delete(k);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, facts);
    return facts;
  };

  return {
    snapshot: (filter: SituationFilter): Situation => cutSnapshot(factsFor(filter), filter),
    kpis: (filter: SituationFilter): NationalKpis => cutKpis(factsFor(filter), filter),
    depotDetail: (code: string): DepotDetail | null => {
      const stamp = dataStamp(s.heads.all());
      return depotDetail(detail, code, categoriesAt(stamp), stamp);
    },
    trend: (region: string, filter: SituationFilter, days: number): Trend => {
      const stamp = dataStamp(s.heads.all());
      const categories = categoriesAt(stamp);
      const scope = resolveScope(filter, categories, [region]);
      return provinceTrend(trend, region, days, scope, categories, stamp);
    },
    /** Newest instructions of the provinces the filter keeps (risk bands included) and its categories. */
    instructions: (filter: SituationFilter, limit: number): InstructionSummary[] => {
      const facts = factsFor(filter);
      const regions = cutSnapshot(facts, filter).provinces.map((p) => p.adcode);
      return recentInstructions(instructions, regions, facts.scope.categories, limit);
    },
    categories: (): Category[] =>
      categoriesAt(dataStamp(s.heads.all())).map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, unit: c.unit, unitEn: c.unitEn, class: c.class })),
  };
}

export type SituationQueries = ReturnType<typeof createSituationQueries>;
