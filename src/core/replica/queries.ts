import type { DepotSummary, ProvinceAggregate, ReplicaStats } from '../../shared/contract/channels';
import { combinedHead } from '../chain/seal';
import type { Db } from './open';

/** Read-side queries of a replica (or a server store: same projected tables). */
export function createReplicaQueries(db: Db) {
  const count = (table: 'depots' | 'lots' | 'categories') => db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`);
  const counts = {
    depots: count('depots'),
    lots: count('lots'),
    // Seqs are gap-free per region, so the log's length is the sum of the heads: counting the
    // rows of a national replica's events table would decrypt gigabytes on every refresh.
    events: db.prepare<[], { n: number }>('SELECT coalesce(sum(last_seq), 0) AS n FROM region_heads'),
    categories: count('categories'),
  };
  const heads = db.prepare<[], { region: string; last_seq: number; head_hash: string; data_as_of: string | null; name_zh: string | null; name_en: string | null }>(
    `SELECT h.region, h.last_seq, h.head_hash, h.data_as_of, r.name_zh, r.name_en
     FROM region_heads h LEFT JOIN regions r ON r.adcode = h.region ORDER BY h.region`,
  );
  const provinceRows = db.prepare<[], { adcode: string; name_zh: string; name_en: string; depots: number; lots: number }>(
    `SELECT r.adcode, r.name_zh, r.name_en,
       (SELECT count(*) FROM depots d WHERE d.region = r.adcode) AS depots,
       (SELECT count(*) FROM lots l WHERE l.region = r.adcode) AS lots
     FROM regions r WHERE r.level = 'province' ORDER BY r.adcode`,
  );
  const stockByClass = db.prepare<[], { region: string; class: string; quantity: number }>(
    `SELECT p.region, c.class, sum(p.quantity) AS quantity
     FROM province_stock p JOIN categories c ON c.code = p.category GROUP BY p.region, c.class`,
  );
  const searchDepots = db.prepare<[{ prefix: string; contains: string; limit: number }], { code: string; name_zh: string; name_en: string; region: string; adcode: string; lon: number; lat: number; operator_kind: string }>(
    `SELECT code, name_zh, name_en, region, adcode, lon, lat, operator_kind FROM depots
     WHERE code LIKE @prefix ESCAPE '\\' OR name_zh LIKE @contains ESCAPE '\\' OR name_en LIKE @contains ESCAPE '\\'
     ORDER BY code LIMIT @limit`,
  );

  return {
    stats(): ReplicaStats {
      const regions = heads.all().map((h) => ({
        region: h.region,
        nameZh: h.name_zh ?? h.region,
        nameEn: h.name_en ?? h.region,
        lastSeq: h.last_seq,
        headHash: h.head_hash,
        dataAsOf: h.data_as_of,
      }));
      return {
        depots: counts.depots.get()?.n ?? 0,
        lots: counts.lots.get()?.n ?? 0,
        events: counts.events.get()?.n ?? 0,
        categories: counts.categories.get()?.n ?? 0,
        regions,
        chainHead: combinedHead(regions.map((r) => ({ region: r.region, hash: r.headHash }))),
      };
    },

    provinces(): ProvinceAggregate[] {
      const byRegion = new Map<string, Record<string, number>>();
      for (const row of stockByClass.all()) {
        const classes = byRegion.get(row.region) ?? {};
        classes[row.class] = row.quantity;
        byRegion.set(row.region, classes);
      }
      return provinceRows.all().map((r) => ({
        adcode: r.adcode,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        depots: r.depots,
        lots: r.lots,
        stockByClass: byRegion.get(r.adcode) ?? {},
      }));
    },

    searchDepots(query: string, limit: number): DepotSummary[] {
      const escaped = query.replace(/[\\%_]/g, (c) => `\\${c}`);
      return searchDepots.all({ prefix: `${escaped}%`, contains: `%${escaped}%`, limit }).map((d) => ({
        code: d.code,
        nameZh: d.name_zh,
        nameEn: d.name_en,
        region: d.region,
        adcode: d.adcode,
        lon: d.lon,
        lat: d.lat,
        operatorKind: d.operator_kind,
      }));
    },
  };
}

export type ReplicaQueries = ReturnType<typeof createReplicaQueries>;
