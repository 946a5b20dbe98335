import { alertPointSchema, type AlertPoint } from '../../../shared/contract/situation-schemas';
import { CATEGORY_CLASSES, type CategoryClass } from '../../../shared/domain/events';
import type { Db } from '../open';

type RecordedRow = {
  id: string;
  kind: string;
  severity: string;
  region: string;
  depot: string | null;
  /** Category (and its class) of the lot the alert concerns, if it concerns one. */
  category: string | null;
  class: string | null;
  raised_at: string;
  lon: number | null;
  lat: number | null;
};

/**
 * Open alerts the projector recorded (discrepancies found by a count, instruction anomalies,
 * break-glass emergency levels awaiting a countersignature), in the regions in scope; one tied
 * to a lot follows the category filter. A store whose schema predates recorded alerts has none.
 */
export function prepareRecordedAlerts(db: Db): ((lists: { regions: string; categories: string }) => RecordedRow[]) | null {
  const exists = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'alerts'").get();
  if (!exists?.n) return null;
  const statement = db.prepare<[{ regions: string; categories: string }], RecordedRow>(
    `SELECT a.id, a.kind, a.severity, a.region, a.depot, l.category, c.class, a.raised_at, d.lon, d.lat
     FROM alerts a LEFT JOIN depots d ON d.code = a.depot LEFT JOIN lots l ON l.id = a.lot LEFT JOIN categories c ON c.code = l.category
     WHERE a.cleared_at IS NULL AND a.region IN (SELECT value FROM json_each(@regions))
       AND (a.lot IS NULL OR l.category IN (SELECT value FROM json_each(@categories)))
     ORDER BY a.raised_at DESC, a.id`,
  );
  return (lists) => statement.all(lists);
}

// Every kind the contract names passes through as itself; a kind it does not know yet reads as an anomaly.
const KINDS = new Set<string>(alertPointSchema.shape.kind.options);
const CLASSES = new Set<string>(CATEGORY_CLASSES);
const SEVERITIES = new Set<AlertPoint['severity']>(['info', 'warning', 'critical']);

/** A recorded alert as a map point: at its depot, else at its province's label point. */
export function recordedAlertPoint(row: RecordedRow, centroid: readonly [number, number]): AlertPoint {
  return {
    id: row.id,
    kind: KINDS.has(row.kind) ? (row.kind as AlertPoint['kind']) : 'anomaly',
    severity: SEVERITIES.has(row.severity as AlertPoint['severity']) ? (row.severity as AlertPoint['severity']) : 'warning',
    region: row.region,
    depot: row.depot,
    class: CLASSES.has(row.class ?? '') ? (row.class as CategoryClass) : null,
    category: row.category,
    lon: row.lon ?? centroid[0],
    lat: row.lat ?? centroid[1],
    raisedAt: row.raised_at,
  };
}
