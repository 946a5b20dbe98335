import { createHash } from 'node:crypto';
import type { Db } from './open';
import { REGION_TABLES } from './region-rows';

/**
 * One hash over a region's projected state, the same on a server store and a replica that
 * applied the same events (or a snapshot of them): the region's rows of every projected
 * table in key order, then its chain head. Used to prove convergence, not on a hot path.
 */
export function regionStateHash(db: Db, region: string): string {
  const hash = createHash('sha256');
  for (const { table, select } of REGION_TABLES) {
    hash.update(`${table}\n`);
    for (const row of db.prepare(select).raw().iterate({ region }) as Iterable<unknown[]>) hash.update(`${JSON.stringify(row)}\n`);
  }
  const head = db.prepare('SELECT last_seq, head_hash FROM region_heads WHERE region = ?').raw().get(region);
  hash.update(`head\n${JSON.stringify(head ?? null)}\n`);
  return hash.digest('hex');
}
