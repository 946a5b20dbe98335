import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRuleAlertService } from '../src/core/alerts/rule-alert-service';
import { sealEvent } from '../src/core/chain/seal';
import { newReplicaKey } from '../src/core/replica/key-file';
import { openReplica } from '../src/core/replica/replica';
import { generateRegionLog } from '../src/core/seed';
import { loadPrefectures } from '../src/core/seed/prefectures';
import type { SealedEvent } from '../src/shared/domain/events';
import { round } from './lib/measure';
import { WORK_DIR, writeResult } from './lib/results';

/**
 * Rule evaluation per applied batch: the demo-scale logs of the national reference and Hunan
 * are folded into a fresh encrypted replica in batches of BATCH events; after each batch the
 * rule-alert service does what the replica worker does: observes the depots it touched again
 * (stock against floor, days to expiry) and the region as a whole (days supported and plan
 * completion per category, consumption anomalies scored by augurs, the feed's staleness and chain
 * problems), runs the default rule set on them and saves its state beside the replica (the first
 * batch of a region builds its evaluator from the whole replica).
 * Figure: evaluation time ÷ the batch's apply time, same run, same file.
 */
const BATCH = Number(process.env.INRS_BENCH_RULES_BATCH ?? 500);
const REGIONS = ['000000', '430000'];
const AS_OF = '2026-01-01T00:00:00.000Z';

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

export function runAlertRulesBench(): string {
  const dir = join(WORK_DIR, 'alert-rules');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const replica = openReplica(join(dir, 'rules.db'), newReplicaKey(), { create: true });
  // What the replica worker runs after each applied batch; the clock only matters for escalation.
  const rules = createRuleAlertService(replica.db, { clock: () => new Date(AS_OF) });
  const ratios: number[] = [];
  let applyMs = 0;
  let evalMs = 0;
  let raised = 0;
  try {
    const prefectures = loadPrefectures();
    for (const region of REGIONS) {
      let head = replica.projector.headOf(region);
      let batch: SealedEvent[] = [];
      const flush = () => {
        const t0 = performance.now();
        replica.projector.applyBatch(region, batch);
        const t1 = performance.now();
        const changes = rules.afterBatch(region, batch);
        const t2 = performance.now();
        raised += changes.filter((c) => c.type === 'raised').length;
        applyMs += t1 - t0;
        evalMs += t2 - t1;
        if (region !== '000000') ratios.push((t2 - t1) / (t1 - t0));
        batch = [];
      };
      for (const draft of generateRegionLog(region, { scale: 'demo', seed: 7, asOf: AS_OF }, prefectures)) {
        const sealed = sealEvent(draft, head, draft.eventTime);
        head = { seq: sealed.seq, hash: sealed.hash };
        batch.push(sealed);
        if (batch.length >= BATCH) flush();
      }
      if (batch.length > 0) flush();
    }
  } finally {
    replica.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return writeResult('alert-rules', {
    batchEvents: BATCH,
    batches: ratios.length,
    applyMs: round(applyMs),
    evaluateMs: round(evalMs),
    ratioTotal: round(evalMs / applyMs, 3),
    ratioMedian: round(quantile(ratios, 0.5), 3),
    ratioP95: round(quantile(ratios, 0.95), 3),
    alertsRaised: raised,
  });
}
