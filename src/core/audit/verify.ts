import type { Db } from '../replica/open';
import { auditRegionLog } from './region-audit';
import { replayAndCompare } from './replay-audit';
import type { AuditProblem, AuditReport, RegionAudit } from './types';

export interface VerifyOptions {
  rootPem: string | null;
  allowSnapshot: boolean;
  /** Re-derive the projected state by replaying the log (the slow part). */
  replay: boolean;
  onProgress?: (phase: 'chain' | 'replay', done: number) => void;
}

/** Every region with a log, a head or a checkpoint; found by seeking, not by scanning every event. */
export function storedRegions(db: Db): string[] {
  const regions = new Set<string>(db.prepare<[], string>('SELECT region FROM region_heads UNION SELECT DISTINCT region FROM checkpoints').pluck().all());
  const next = db.prepare<[string], string>('SELECT region FROM events WHERE region > ? ORDER BY region LIMIT 1').pluck();
  for (let r = next.get(''); r !== undefined; r = next.get(r)) regions.add(r);
  return [...regions].sort();
}

/**
 * Audits a store (client replica or regional server store): every region's chain re-derived
 * from the stored bytes, its checkpoints and head, and its projected state against a replay.
 */
export function verifyStore(db: Db, target: string, options: VerifyOptions): AuditReport {
  const started = performance.now();
  const regions: RegionAudit[] = [];
  let events = 0;
  for (const region of storedRegions(db)) {
    const audit = auditRegionLog(db, region, options);
    regions.push(audit);
    events += audit.events;
    options.onProgress?.('chain', events);
  }
  const chainMillis = performance.now() - started;

  if (options.replay) {
    const national = regions.find((r) => r.region === '000000');
    const nationalOk = !national || national.status === 'verified';
    const replayable = regions.filter((r) => r.status === 'verified' && (nationalOk || r.region === '000000'));
    for (const r of regions) {
      if (r.status === 'failed') r.stateNote = 'not replayed: the log itself is broken';
      else if (r.fromSnapshot !== null) r.stateNote = `not replayed: the log starts from a snapshot at seq ${r.fromSnapshot}`;
      else if (!replayable.includes(r)) r.stateNote = 'not replayed: the national reference log cannot be replayed';
    }
    const outcomes = replayAndCompare(
      db,
      replayable.map((r) => r.region),
      (done) => options.onProgress?.('replay', done),
    );
    for (const r of replayable) {
      const outcome = outcomes.get(r.region);
      if (!outcome) continue;
      if ('error' in outcome) {
        r.state = 'differs';
        r.stateNote = outcome.error;
      } else if (outcome.equal) {
        r.state = 'equal';
      } else {
        r.state = 'differs';
        r.stateNote = `tables differ from a replay: ${outcome.tables.join(', ')}`;
      }
      if (r.state === 'differs') {
        const seq = r.headSeq ?? r.lastSeq ?? 0;
        r.problems.push({ region: r.region, seq, kind: 'state', message: `projected state at seq ${seq} is not what the log replays to (${r.stateNote})` });
        r.status = 'failed';
      }
    }
  } else {
    for (const r of regions) r.stateNote = 'not replayed (--skip-replay)';
  }

  const total = performance.now() - started;
  const firstProblem: AuditProblem | null = regions.find((r) => r.problems.length > 0)?.problems[0] ?? null;
  return {
    ok: firstProblem === null,
    target,
    anchored: options.rootPem !== null,
    regions,
    firstProblem,
    events,
    millis: { chain: Math.round(chainMillis), replay: Math.round(total - chainMillis), total: Math.round(total) },
    eventsPerSecond: Math.round(events / Math.max(total / 1000, 1e-6)),
    chainEventsPerSecond: Math.round(events / Math.max(chainMillis / 1000, 1e-6)),
  };
}
