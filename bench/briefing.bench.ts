import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportBriefing } from '../src/core/briefing';
import { readKeyFile } from '../src/core/replica/key-file';
import { REPLICA_MIGRATIONS } from '../src/core/replica/migrations';
import { openEncryptedDb, type Db } from '../src/core/replica/open';
import { createSituationQueries } from '../src/core/replica/situation';
import { situationFilterSchema } from '../src/shared/contract/situation-schemas';
import { round } from './lib/measure';
import { WORK_DIR, writeResult } from './lib/results';

/**
 * `inrs briefing export` on the replica bench's seeded replicas (demo, and national when it has
 * been seeded), against the situation queries alone on the same connection in the same run
 * (snapshot and KPIs of the whole country, what the briefing's figures start from), so the
 * ratio is the cost of the briefing's own queries, layout, font subsetting and writing.
 * Each run builds fresh queries, so nothing comes from a result cache.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);
const ALL = situationFilterSchema.parse({});

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function measure(scale: 'demo' | 'national', key: Buffer, runs: number) {
  const file = join(WORK_DIR, `${scale}-encrypted.db`);
  if (!existsSync(file)) {
    log(`  ${scale}: no seeded replica in bench/tmp (run the replica bench first); skipped`);
    return null;
  }
  const db = currentCopy(scale, file, key);
  const out = mkdtempSync(join(tmpdir(), 'inrs-briefing-bench-'));
  try {
    const baseline: number[] = [];
    const briefing: number[] = [];
    const phases: { figures: number; layout: number }[] = [];
    let pages = 0;
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const q = createSituationQueries(db);
      q.snapshot(ALL);
      q.kpis(ALL);
      baseline.push(performance.now() - started);
      const pdf = join(out, `briefing-${i}.pdf`);
      const r = exportBriefing(db, { out: pdf, generatedBy: 'bench' });
      briefing.push(r.millis.total);
      phases.push({ figures: r.millis.figures, layout: r.millis.layout });
      pages = r.pages;
      bytes = statSync(pdf).size;
      log(`  ${scale} run ${i + 1}: situation ${Math.round(baseline.at(-1) ?? 0)} ms, briefing ${r.millis.total} ms (${r.pages} pages)`);
    }
    const b = median(baseline);
    const e = median(briefing);
    return {
      scale,
      runs,
      situationQueriesMs: round(b),
      briefingExportMs: round(e),
      figuresMs: median(phases.map((p) => p.figures)),
      layoutAndWriteMs: median(phases.map((p) => p.layout)),
      ratioToSituationQueries: round(e / b),
      pages,
      pdfKiB: round(bytes / 1024, 0),
    };
  } finally {
    db.close();
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * A copy of the seeded replica brought to the current schema (the seeded files may predate
 * newer migrations, which the situation queries need), made once and kept in bench/tmp; the
 * seeded file itself is only read.
 */
function currentCopy(scale: string, source: string, key: Buffer): Db {
  const copy = join(WORK_DIR, `briefing-${scale}.db`);
  if (!existsSync(copy)) {
    log(`  ${scale}: copying the seeded replica to ${copy} and migrating the copy (once)…`);
    const partial = `${copy}.partial`;
    copyFileSync(source, partial);
    openEncryptedDb(partial, key, REPLICA_MIGRATIONS).close();
    renameSync(partial, copy);
  }
  return openEncryptedDb(copy, key, REPLICA_MIGRATIONS, { readonly: true });
}

export function runBriefingBench(): string {
  const key = readKeyFile(join(WORK_DIR, 'bench.key'));
  log('briefing export against the situation queries alone (same connection, same run)');
  const figures = [measure('demo', key, 5), measure('national', key, 3)].filter((f) => f !== null);
  return writeResult('briefing', figures);
}
