import { runAlertRulesBench } from './alert-rules.bench';
import { runAuditBench } from './audit.bench';
import { runBackupBench } from './backup.bench';
import { runBriefingBench } from './briefing.bench';
import { runDispatchBench } from './dispatch.bench';
import { runEmergencyBench } from './emergency.bench';
import { runFilterBench } from './filter.bench';
import { runForecastBench } from './forecast.bench';
import { runLayoutBench } from './layout.bench';
import { runRegionLogBench } from './region-log.bench';
import { runMapBench } from './map.bench';
import { runReplicaBench } from './replica.bench';
import { runReplayBench } from './replay.bench';
import { runRotationBench } from './rotation.bench';
import { runSimulateBench } from './simulate.bench';
import { runSituationBench } from './situation.bench';
import { runSyncBench } from './sync.bench';
import type { SeedScale } from '../src/core/seed';

/**
 * `npm run bench [-- --quick]`: every benchmark, figures written to bench/results/.
 * --quick measures open/aggregate at demo scale only (the national replica takes minutes to seed)
 * and pans the map over 100k depots only (1M takes minutes a frame in software WebGL), and
 * compares the dispatch solvers at 250 × 150 × 10 instead of 500 × 300 × 10.
 * --only replica|situation|map|sync|audit|backup|dispatch|replay|briefing|emergency|layout|rotation|filter|simulate|forecast|alert-rules|region-log runs one of them (region-log needs nats-server) (the map bench reuses the replica bench's national replica when there is one).
 */
const quick = process.argv.includes('--quick');
const scales: SeedScale[] = quick ? ['demo'] : ['demo', 'national'];
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
if (!only || only === 'replica') process.stdout.write(`wrote ${runReplicaBench(scales)}\n`);
if (!only || only === 'situation') process.stdout.write(`wrote ${await runSituationBench(scales)}\n`);
if (!only || only === 'map') process.stdout.write(`wrote ${await runMapBench(quick)}\n`);
if (!only || only === 'sync') process.stdout.write(`wrote ${await runSyncBench()}\n`);
if (!only || only === 'audit') process.stdout.write(`wrote ${runAuditBench()}\n`);
if (!only || only === 'backup') process.stdout.write(`wrote ${runBackupBench(quick ? 'demo' : 'national')}\n`);
if (!only || only === 'briefing') process.stdout.write(`wrote ${runBriefingBench()}\n`);
if (!only || only === 'dispatch') process.stdout.write(`wrote ${await runDispatchBench(quick)}\n`);
if (!only || only === 'emergency') process.stdout.write(`wrote ${await runEmergencyBench()}\n`);
if (!only || only === 'replay') process.stdout.write(`wrote ${runReplayBench()}\n`);
if (!only || only === 'layout') process.stdout.write(`wrote ${await runLayoutBench(quick)}\n`);
if (!only || only === 'rotation') process.stdout.write(`wrote ${await runRotationBench()}\n`);
if (!only || only === 'filter') process.stdout.write(`wrote ${await runFilterBench(quick)}\n`);
if (!only || only === 'forecast') process.stdout.write(`wrote ${runForecastBench()}\n`);
if (!only || only === 'simulate') process.stdout.write(`wrote ${await runSimulateBench()}\n`);
if (!only || only === 'alert-rules') process.stdout.write(`wrote ${runAlertRulesBench()}\n`);
if (!only || only === 'region-log') process.stdout.write(`wrote ${await runRegionLogBench()}\n`);
