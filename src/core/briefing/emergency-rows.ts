import { EMERGENCY_LEVELS, type EmergencyLevel } from '../../shared/domain/risk-index';
import type { Db } from '../replica/open';

/** A region's emergency response as the briefing lists it. */
export interface EmergencyRow {
  region: string;
  level: EmergencyLevel;
  plan: string | null;
  reason: string | null;
  since: string | null;
  /** Officers who activated it (certificate subjects), in the order they signed. */
  activatedBy: string[];
  breakGlass: boolean;
  countersignedBy: string | null;
}

type Row = { region: string; level: string; plan: string | null; reason: string | null; since: string | null; activated_by: string | null; break_glass: number | null; countersigned_by: string | null };

const isLevel = (v: string): v is EmergencyLevel => (EMERGENCY_LEVELS as readonly string[]).includes(v);

/** Subjects from the activated_by JSON: a list of subjects, or of {subject} objects; anything else is shown as stored. */
function signers(json: string | null): string[] {
  if (!json) return [];
  try {
    const value = JSON.parse(json) as unknown;
    const list = Array.isArray(value) ? value : [value];
    return list.flatMap((v) => {
      if (typeof v === 'string') return [v];
      if (v && typeof v === 'object' && typeof (v as { subject?: unknown }).subject === 'string') return [(v as { subject: string }).subject];
      return [];
    });
  } catch {
    return [json];
  }
}

/**
 * Emergency levels recorded in table emergency_levels (when the store's schema has it). A
 * store without the table, or a region without a row, is at the level its regions row
 * carries (normal unless set), which the caller supplies.
 */
export function readEmergencyRows(db: Db): Map<string, EmergencyRow> {
  const exists = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'emergency_levels'").get();
  if (!exists?.n) return new Map();
  const columns = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('emergency_levels')").all().map((c) => c.name));
  const col = (name: string) => (columns.has(name) ? name : `NULL AS ${name}`);
  const rows = db
    .prepare<[], Row>(
      `SELECT region, level, ${col('plan')}, ${col('reason')}, ${col('since')}, ${col('activated_by')}, ${col('break_glass')}, ${col('countersigned_by')}
       FROM emergency_levels ORDER BY region`,
    )
    .all();
  const out = new Map<string, EmergencyRow>();
  for (const r of rows) {
    if (!isLevel(r.level)) continue;
    out.set(r.region, {
      region: r.region,
      level: r.level,
      plan: r.plan,
      reason: r.reason,
      since: r.since,
      activatedBy: signers(r.activated_by),
      breakGlass: r.break_glass === 1,
      countersignedBy: r.countersigned_by,
    });
  }
  return out;
}
