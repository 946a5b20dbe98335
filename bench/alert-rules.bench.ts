import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadAlertRuleSet } from '../src/core/alerts/default-rules';
import { ruleObservations } from '../src/core/alerts/rule-observations';
import { touchedDepots } from '../src/core/alerts/touched-depots';
import { sealEvent } from '../src/core/chain/seal';
import { newReplicaKey } from '../src/core/replica/key-file';
import { openReplica } from '../src/core/replica/replica';
import { generateRegionLog } from '../src/core/seed';
import { loadPrefectures } from '../src/core/seed/prefectures';
import { AlertRuleEngine } from '../src/shared/domain/alert-rule-engine';
import type { SealedEvent } from '../src/shared/domain/events';
import { round } from './lib/measure';
import { WORK_DIR, writeResult } from './lib/results';

/**
 * Rule evaluation per applied batch: the demo-scale logs of the national reference and Hunan
 * are folded into a fresh encrypted replica in batches of BATCH events; after each batch the
 * depots it touched are observed again (stock against floor, days to expiry) and the default
 * rule set runs on them. Figure: evaluation time ÷ the batch's apply time, same run, same file.
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
  const engine = new AlertRuleEngine();
  engine.setRuleSet(loadAlertRuleSet(), AS_OF);
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
        const last = batch.at(-1)!.eventTime;
        const changes = engine.observe(ruleObservations(replica.db, [...touchedDepots(batch).keys()], last.slice(0, 10)), last);
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
