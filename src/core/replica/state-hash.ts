import { createHash } from 'node:crypto';
import type { Db } from './open';

/**
 * One hash over a region's projected state, the same on a server store and a replica that
 * applied the same events: rows of every projected table that belong to the region, in key
 * order. Used to prove that sync and seeding converge, not on any hot path.
 */
const REGION_QUERIES: readonly string[] = [
  'SELECT * FROM regions WHERE adcode = @region ORDER BY adcode',
  `SELECT * FROM categories WHERE @region = '000000' ORDER BY code`,
  'SELECT * FROM depots WHERE region = @region ORDER BY code',
  'SELECT * FROM instructions WHERE region = @region ORDER BY id',
  'SELECT * FROM lots WHERE region = @region ORDER BY id',
  'SELECT s.* FROM lot_stock s JOIN depots d ON d.code = s.depot WHERE d.region = @region ORDER BY s.lot_id, s.depot',
  'SELECT t.* FROM transfers t JOIN depots d ON d.code = t.from_depot WHERE d.region = @region ORDER BY t.transfer_id',
  'SELECT s.* FROM depot_stock s JOIN depots d ON d.code = s.depot WHERE d.region = @region ORDER BY s.depot, s.category',
  'SELECT * FROM province_stock WHERE region = @region ORDER BY category',
  'SELECT region, last_seq, head_hash FROM region_heads WHERE region = @region',
];

export function regionStateHash(db: Db, region: string): string {
  const hash = createHash('sha256');
  for (const sql of REGION_QUERIES) {
    hash.update(`${sql}\n`);
    for (const row of db.prepare(sql).raw().iterate({ region }) as Iterable<unknown[]>) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}
