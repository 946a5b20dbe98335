import type { Db } from '../replica/open';
import { deriveLedger, foldRegistry, ledgerBalances, type LedgerEntry, type RegistryLogEntry } from '../../shared/domain/registry';

/**
 * Reads the registry from a store or replica: the lifecycle events straight from the log (so the
 * ledger is recomputed from what the log says, never from a stored figure) and the projected
 * asset rows for listings.
 */

interface EventRow {
  region: string;
  seq: number;
  type: string;
  event_time: string;
  actor_subject: string;
  actor_role: string;
  instruction_id: string | null;
  payload: string;
}

/** The registry events of one region (or every region held), in log order. */
export function readRegistryLog(db: Db, region?: string): RegistryLogEntry[] {
  const rows = db
    .prepare<[string | null, string | null], EventRow>(
      `SELECT region, seq, type, event_time, actor_subject, actor_role, instruction_id, payload FROM events
       WHERE type LIKE 'registry.%' AND (? IS NULL OR region = ?) ORDER BY region, seq`,
    )
    .all(region ?? null, region ?? null);
  return rows.map((r) => ({
    type: r.type,
    payload: JSON.parse(r.payload) as unknown,
    seq: r.seq,
    at: r.event_time,
    actor: { subject: r.actor_subject, role: r.actor_role },
    ...(r.instruction_id ? { instructionId: r.instruction_id } : {}),
  })) as RegistryLogEntry[];
}

/** The ledger of each region's log, derived by the rule versions published on that log. */
export function registryLedger(db: Db, options: { region?: string; contributor?: string } = {}): LedgerEntry[] {
  // Seqs and rule versions belong to one region's log: each region is folded on its own.
  const regions = options.region
    ? [options.region]
    : db.prepare<[], string>("SELECT DISTINCT region FROM events WHERE type LIKE 'registry.%' ORDER BY region").pluck().all();
  return regions.flatMap((region) => deriveLedger(foldRegistry(readRegistryLog(db, region)), options.contributor));
}

export function balanceOf(entries: readonly LedgerEntry[], contributor: string): number {
  return ledgerBalances(entries).get(contributor) ?? 0;
}

export interface AssetRow {
  assetId: string;
  region: string;
  owner: string;
  kind: string;
  name: string;
  state: string;
  registeredAt: string;
  verifiedAt: string | null;
  asset: unknown;
}

export function readAssets(db: Db, filter: { owner?: string; state?: string; region?: string } = {}): AssetRow[] {
  const rows = db
    .prepare<[string | null, string | null, string | null, string | null, string | null, string | null], Record<string, string | null>>(
      `SELECT asset_id, region, owner, kind, name, state, registered_at, verified_at, asset FROM registry_assets
       WHERE (? IS NULL OR owner = ?) AND (? IS NULL OR state = ?) AND (? IS NULL OR region = ?) ORDER BY registered_at, asset_id`,
    )
    .all(filter.owner ?? null, filter.owner ?? null, filter.state ?? null, filter.state ?? null, filter.region ?? null, filter.region ?? null);
  return rows.map((r) => ({
    assetId: String(r.asset_id),
    region: String(r.region),
    owner: String(r.owner),
    kind: String(r.kind),
    name: String(r.name),
    state: String(r.state),
    registeredAt: String(r.registered_at),
    verifiedAt: r.verified_at ?? null,
    asset: JSON.parse(String(r.asset)) as unknown,
  }));
}

export function readMeters(db: Db, owner: string) {
  return db
    .prepare<[string], { recordId: string; assetId: string; kind: string; amount: number; at: string; seq: number }>(
      'SELECT record_id AS recordId, asset_id AS assetId, kind, amount, at, seq FROM registry_meters WHERE owner = ? ORDER BY at, record_id',
    )
    .all(owner);
}

/**
 * The instructions addressed to a civilian holder (their `civilian.holder`), newest first, with
 * whether and by whom they were acknowledged: all a contributor may read of the command chain.
 */
export function readHolderInstructions(db: Db, region: string, holder: string) {
  return db
    .prepare<[string, string], { id: string; kind: string; issuer: string; lines: string; transport: string | null; issuedAt: string; seq: number; acknowledgedBy: string | null; acknowledgedAt: string | null }>(
      `SELECT json_extract(e.payload, '$.id') AS id, json_extract(e.payload, '$.kind') AS kind, json_extract(e.payload, '$.issuer') AS issuer,
         json_extract(e.payload, '$.lines') AS lines, json_extract(e.payload, '$.transport') AS transport, e.event_time AS issuedAt, e.seq, i.acknowledged_by AS acknowledgedBy, i.acknowledged_at AS acknowledgedAt
       FROM events e LEFT JOIN instructions i ON i.id = json_extract(e.payload, '$.id')
       WHERE e.region = ? AND e.type = 'instruction.issued' AND json_extract(e.payload, '$.civilian.holder') = ?
       ORDER BY e.seq DESC`,
    )
    .all(region, holder)
    .map(({ transport, ...r }) => ({
      ...r,
      lines: JSON.parse(r.lines) as { category: string; quantity: number; fromCivilian?: string; fromDepot?: string; toRegion?: string; toDepot?: string }[],
      // A call on the holder's transport unit: which unit, how many tonnes over how many days.
      ...(transport ? { transport: JSON.parse(transport) as { unit: string; tonnes: number; days: number } } : {}),
    }));
}

export interface ResourceRow {
  resourceId: string;
  assetId: string;
  region: string;
  assetRegion: string;
  owner: string;
  kind: 'lot' | 'unit' | 'service';
  what: string;
  amount: number | null;
  unit: string | null;
  lon: number;
  lat: number;
  status: 'available' | 'suspended' | 'withdrawn';
  onboardedAt: string;
  instructionId: string | null;
}

const RESOURCE_COLUMNS = `resource_id AS resourceId, asset_id AS assetId, region, asset_region AS assetRegion, owner, kind, what, amount, unit, lon, lat,
  status, onboarded_at AS onboardedAt, instruction_id AS instructionId`;

/** Reserve resources from onboarded assets; `status` filters (e.g. only what dispatch may use). */
export function readResources(db: Db, filter: { region?: string; status?: string; owner?: string } = {}): ResourceRow[] {
  return db
    .prepare<[string | null, string | null, string | null, string | null, string | null, string | null], ResourceRow>(
      `SELECT ${RESOURCE_COLUMNS} FROM registry_resources
       WHERE (? IS NULL OR region = ?) AND (? IS NULL OR status = ?) AND (? IS NULL OR owner = ?) ORDER BY onboarded_at, resource_id`,
    )
    .all(filter.region ?? null, filter.region ?? null, filter.status ?? null, filter.status ?? null, filter.owner ?? null, filter.owner ?? null);
}

export interface RegistryStep {
  seq: number;
  type: string;
  subject: string;
  role: string;
  instructionId: string | null;
  time: string;
  detail: unknown;
}

export interface AssetTrace {
  asset: AssetRow;
  resource: ResourceRow | null;
  /** Every lifecycle step in log order: who, when, on what instruction, what. */
  steps: RegistryStep[];
}

/** An asset's whole life, found by its asset id or by the id of the resource it became. */
export function traceAsset(db: Db, id: string): AssetTrace | null {
  const assetId = db.prepare<[string, string], string>('SELECT asset_id FROM registry_resources WHERE resource_id = ? UNION SELECT asset_id FROM registry_assets WHERE asset_id = ?').pluck().get(id, id);
  if (assetId === undefined) return null;
  const asset = readAssets(db).find((a) => a.assetId === assetId);
  if (!asset) return null;
  const resource = db.prepare<[string], ResourceRow>(`SELECT ${RESOURCE_COLUMNS} FROM registry_resources WHERE asset_id = ?`).get(assetId) ?? null;
  const steps = db
    .prepare<[string], Omit<RegistryStep, 'detail'> & { detail: string }>(
      `SELECT seq, type, actor_subject AS subject, actor_role AS role, instruction_id AS instructionId, event_time AS time, detail
       FROM registry_steps WHERE asset_id = ? ORDER BY region, seq`,
    )
    .all(assetId)
    .map((s) => ({ ...s, detail: JSON.parse(s.detail) as unknown }));
  return { asset, resource, steps };
}
