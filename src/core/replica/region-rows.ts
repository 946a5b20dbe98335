/**
 * The projected rows that belong to one region, table by table: what a state hash covers,
 * what a snapshot carries and what applying a snapshot replaces. Key order makes both
 * sides read rows in the same order.
 */
export interface RegionTable {
  table: string;
  select: string;
  /** Removes the region's rows before a snapshot's rows are inserted. */
  remove: string;
}

const byDepot = (table: string, column: string, order: string): RegionTable => ({
  table,
  select: `SELECT t.* FROM ${table} t JOIN depots d ON d.code = t.${column} WHERE d.region = @region ORDER BY ${order}`,
  remove: `DELETE FROM ${table} WHERE ${column} IN (SELECT code FROM depots WHERE region = @region)`,
});

const REGISTRY_KEYS = {
  registry_assets: 'asset_id',
  registry_steps: 'seq',
  registry_resources: 'resource_id',
  registry_meters: 'record_id',
  registry_rules: 'version',
} as const;

export const REGION_TABLES: readonly RegionTable[] = [
  {
    table: 'regions',
    select: 'SELECT * FROM regions WHERE adcode = @region ORDER BY adcode',
    remove: 'DELETE FROM regions WHERE adcode = @region',
  },
  {
    table: 'categories',
    select: `SELECT * FROM categories WHERE @region = '000000' ORDER BY code`,
    remove: `DELETE FROM categories WHERE @region = '000000'`,
  },
  // Rows keyed through depots go before the depots themselves are replaced.
  byDepot('lot_stock', 'depot', 't.lot_id, t.depot'),
  byDepot('transfers', 'from_depot', 't.transfer_id'),
  byDepot('depot_stock', 'depot', 't.depot, t.category'),
  {
    table: 'depots',
    select: 'SELECT * FROM depots WHERE region = @region ORDER BY code',
    remove: 'DELETE FROM depots WHERE region = @region',
  },
  {
    table: 'instructions',
    select: 'SELECT * FROM instructions WHERE region = @region ORDER BY id',
    remove: 'DELETE FROM instructions WHERE region = @region',
  },
  {
    table: 'lots',
    select: 'SELECT * FROM lots WHERE region = @region ORDER BY id',
    remove: 'DELETE FROM lots WHERE region = @region',
  },
  {
    table: 'province_stock',
    select: 'SELECT * FROM province_stock WHERE region = @region ORDER BY category',
    remove: 'DELETE FROM province_stock WHERE region = @region',
  },
  {
    table: 'instruction_usage',
    select: 'SELECT * FROM instruction_usage WHERE region = @region ORDER BY instruction_id, category',
    remove: 'DELETE FROM instruction_usage WHERE region = @region',
  },
  {
    table: 'alerts',
    select: 'SELECT * FROM alerts WHERE region = @region ORDER BY id',
    remove: 'DELETE FROM alerts WHERE region = @region',
  },
  {
    table: 'emergency_levels',
    select: 'SELECT * FROM emergency_levels WHERE region = @region ORDER BY region',
    remove: 'DELETE FROM emergency_levels WHERE region = @region',
  },
  {
    table: 'emergency_proposals',
    select: 'SELECT * FROM emergency_proposals WHERE region = @region ORDER BY id',
    remove: 'DELETE FROM emergency_proposals WHERE region = @region',
  },
  // The civilian asset registry: a replica that starts from a snapshot must hold the assets the
  // later lifecycle events refer to, and the state hash covers them like any projected row.
  ...(['registry_assets', 'registry_steps', 'registry_resources', 'registry_meters', 'registry_rules'] as const).map((table) => ({
    table,
    select: `SELECT * FROM ${table} WHERE region = @region ORDER BY ${REGISTRY_KEYS[table]}`,
    remove: `DELETE FROM ${table} WHERE region = @region`,
  })),
];

export const SNAPSHOT_TABLES: ReadonlySet<string> = new Set(REGION_TABLES.map((t) => t.table));
