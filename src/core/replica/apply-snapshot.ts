import type { RegionSnapshot } from '../../shared/protocol/frames';
import { rebuildSummaries } from './summaries';
import type { Db } from './open';
import { REGION_TABLES, SNAPSHOT_TABLES } from './region-rows';
import { regionStateHash } from './state-hash';

/**
 * Replaces a region's projected rows with a snapshot pinned at `seq`, moves its head there,
 * and checks the result hashes to the server's state hash; all in one transaction, so a
 * snapshot that does not check out leaves the replica as it was.
 */
export function applyRegionSnapshot(db: Db, snapshot: RegionSnapshot): void {
  db.transaction(() => {
    for (const { remove } of REGION_TABLES) db.prepare(remove).run({ region: snapshot.region });
    for (const [table, rows] of Object.entries(snapshot.tables)) {
      if (!SNAPSHOT_TABLES.has(table)) throw new Error(`snapshot carries unknown table ${table}`);
      const width = rows[0]?.length ?? 0;
      if (width === 0) continue;
      const insert = db.prepare(`INSERT INTO ${table} VALUES (${new Array(width).fill('?').join(', ')})`);
      for (const row of rows) insert.run(row);
    }
    // Derived, outside what a snapshot carries: recomputed from the rows just written.
    rebuildSummaries(db);
    db.prepare(
      `INSERT INTO region_heads (region, last_seq, head_hash, data_as_of) VALUES (?, ?, ?, ?)
       ON CONFLICT (region) DO UPDATE SET last_seq = excluded.last_seq, head_hash = excluded.head_hash, data_as_of = excluded.data_as_of`,
    ).run(snapshot.region, snapshot.seq, snapshot.hash, snapshot.dataAsOf);
    const actual = regionStateHash(db, snapshot.region);
    if (actual !== snapshot.stateHash) throw new Error(`snapshot of region ${snapshot.region} at seq ${snapshot.seq} does not reproduce the server's state hash`);
  })();
}

/** The rows of a region's snapshot, read in one synchronous pass (no write can interleave). */
export function readRegionSnapshotRows(db: Db, region: string): Record<string, (string | number | null)[][]> {
  const tables: Record<string, (string | number | null)[][]> = {};
  for (const { table, select } of REGION_TABLES) tables[table] = db.prepare(select).raw().all({ region }) as (string | number | null)[][];
  return tables;
}
