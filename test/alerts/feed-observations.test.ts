import { describe, expect, it } from 'vitest';
import { createFeedObservations } from '../../src/core/alerts/feed-observations';
import { seededReplica } from './support/seeded-replica';

/*
 * The feed measures on a real encrypted replica seeded with every province's log: minutes each
 * region's data stands behind the replica's (log times only), and the chain problems the audit's
 * walk and the stored checkpoints reveal.
 */
const seeded = seededReplica('inrs-feed-obs-');

const heads = () => seeded().db.prepare<[], { region: string; data_as_of: string }>('SELECT region, data_as_of FROM region_heads WHERE data_as_of IS NOT NULL ORDER BY data_as_of DESC').all();

describe('feed observations', () => {
  it('stale minutes: the newest region is 0 behind, every other by its distance from it in log time', () => {
    const feed = createFeedObservations(seeded().db);
    const all = feed.stale(null);
    const rows = heads();
    expect(all).toHaveLength(rows.length);
    const newest = rows[0]!;
    expect(all.find((o) => o.region === newest.region)?.value).toBe(0);
    const oldest = rows.at(-1)!;
    expect(all.find((o) => o.region === oldest.region)?.value).toBeCloseTo((Date.parse(newest.data_as_of) - Date.parse(oldest.data_as_of)) / 60_000, 9);
    expect(all.every((o) => o.subject === `feed:${o.region}` && o.value >= 0)).toBe(true);
    // Asked for some regions, only those.
    expect(feed.stale(['430000']).map((o) => o.region)).toEqual(['430000']);
  });

  it('stale minutes follow the heads: a region brought up to the newest time is no longer behind', () => {
    const feed = createFeedObservations(seeded().db);
    const rows = heads();
    const behind = rows.at(-1)!;
    expect(feed.stale([behind.region])[0]?.value).toBeGreaterThan(0);
    seeded().db.prepare('UPDATE region_heads SET data_as_of = ? WHERE region = ?').run(rows[0]!.data_as_of, behind.region);
    expect(feed.stale([behind.region])[0]?.value).toBe(0);
    seeded().db.prepare('UPDATE region_heads SET data_as_of = ? WHERE region = ?').run(behind.data_as_of, behind.region);
  });

  it('chain problems: none on a sound log; a checkpoint the log contradicts and an altered event each count', () => {
    const feed = createFeedObservations(seeded().db);
    expect(feed.chainProblems('430000')).toMatchObject({ measure: 'chain-problems', subject: 'feed:430000', value: 0 });
    seeded().db.prepare('INSERT INTO checkpoints (region, seq, hash, time, signature, signer_cert) VALUES (?, 5, ?, ?, ?, ?)').run('430000', 'e'.repeat(64), '2025-01-01T00:00:00Z', 'sig', 'cert');
    seeded().db.prepare('INSERT INTO checkpoints (region, seq, hash, time, signature, signer_cert) VALUES (?, 9, ?, ?, ?, ?)').run('430000', 'd'.repeat(64), '2025-01-01T00:00:00Z', 'sig', 'cert');
    // A fresh walk: both checkpoints contradict the log (the walk names the first of them).
    expect(createFeedObservations(seeded().db).chainProblems('430000').value).toBe(2);
    seeded().db.prepare('DELETE FROM checkpoints WHERE region = ? AND signature = ?').run('430000', 'sig');
    expect(createFeedObservations(seeded().db).chainProblems('430000').value).toBe(0);
    // An event altered in place breaks the chain where it stands.
    seeded().db.prepare("UPDATE events SET payload = json_set(payload, '$.tampered', 1) WHERE region = ? AND seq = 12").run('120000');
    expect(createFeedObservations(seeded().db).chainProblems('120000').value).toBe(1);
    expect(feed.chainProblems('110000').value).toBe(0);
  });
});
