import { parentPort, workerData } from 'node:worker_threads';
import { seedInto } from '../seed/seed-replica';
import { createSyncOps, type SyncOps } from '../sync/sync-ops';
import { openReplica, type Replica } from './replica';
import { createPageWalk, describePageProblem } from './page-integrity';
import { createSituationQueries, type SituationQueries } from './situation';
import { createTraceQueries, type TraceQueries } from '../trace';
import { createChainMonitor, type ChainMonitor } from '../audit/chain-monitor';
import { exportBriefing } from '../briefing/export';
import { createDispatchQueries, type DispatchQueries } from './dispatch-queries';
import { replicaSimulationSupply } from '../simulate/from-replica';
import { createEmergencyQueries, type EmergencyQueries } from './emergency-queries';
import { createOptimisationQueries, type OptimisationQueries } from './optimisation-queries';
import { createReplayQueries, type ReplayQueries } from '../replay/replay-queries';
import { forecastQueriesFor, type ForecastQueries } from '../forecast/forecast-queries';
import { createRuleAlertService, ruleAlertFollower, type RuleAlertService } from '../alerts/rule-alert-service';
import { registryOverview } from '../registry/registry-overview';
import type { ReplicaWorkerMethods, WorkerInit, WorkerReply, WorkerRequest } from './worker-protocol';
import { situationFilterSchema } from '../../shared/contract/situation-schemas';
import { toErrorShape } from '../../shared/errors';
import { ruleAlertInScope } from '../../shared/domain/rule-alert-filter';

/** Worker thread that owns the replica connection, so the host's event loop never waits on SQLite. */
const port = parentPort;
if (!port) throw new Error('replica-worker must run in a worker thread');
const init = workerData as WorkerInit;

function send(reply: WorkerReply): void {
  port?.postMessage(reply);
}

let replica: Replica;
let situation: SituationQueries;
let trace: TraceQueries;
let sync: SyncOps;
let chain: ChainMonitor;
let replay: ReplayQueries;
let emergency: EmergencyQueries;
let dispatch: DispatchQueries;
let optimisation: OptimisationQueries;
let forecast: ForecastQueries;
let ruleAlerts: RuleAlertService;
const pageWalk = createPageWalk(init.file, Buffer.from(init.keyHex, 'hex'));
try {
  replica = openReplica(init.file, Buffer.from(init.keyHex, 'hex'), { create: init.create });
  chain = createChainMonitor(replica.db);
  ruleAlerts = createRuleAlertService(replica.db, { chain });
  // Where rules are in force the picture counts their alerts (map layer, province counts, risk, KPIs).
  situation = createSituationQueries(replica.db, { ruleAlerts: () => ({ alerts: ruleAlerts.list(), coveredKinds: ruleAlerts.coveredKinds() }) });
  trace = createTraceQueries(replica.db);
  sync = createSyncOps(replica, ruleAlertFollower(ruleAlerts));
  replay = createReplayQueries(replica.db);
  emergency = createEmergencyQueries(replica.db);
  dispatch = createDispatchQueries(replica.db);
  optimisation = createOptimisationQueries(replica.db);
  forecast = forecastQueriesFor(replica.db);
  send({ kind: 'ready' });
} catch (err) {
  send({ kind: 'open-failed', error: toErrorShape(err) });
  process.exit(0);
}

// Warm what the first picture needs (the pages it reads, decrypted, and its figures for the whole
// picture, cached for this data version) right after opening, before a wall asks for it. A
// failure here is left to the first real request, which meets it again and reports it.
setImmediate(() => {
  try {
    situation.snapshot(situationFilterSchema.parse({}));
  } catch {
    // reported by the first request that meets it
  }
});

type Handlers = { [M in keyof ReplicaWorkerMethods]: (id: number, ...args: ReplicaWorkerMethods[M][0]) => ReplicaWorkerMethods[M][1] };
const handlers: Handlers = {
  stats: () => replica.queries.stats(),
  provinces: () => replica.queries.provinces(),
  searchDepots: (_id, query, limit) => replica.queries.searchDepots(query, limit),
  situationSnapshot: (_id, filter) => situation.snapshot(filter),
  situationKpis: (_id, filter) => situation.kpis(filter),
  depotDetail: (_id, code) => situation.depotDetail(code),
  categories: () => situation.categories(),
  traceLot: (_id, lotId) => trace.lot(lotId),
  traceInstruction: (_id, id) => trace.instruction(id),
  traceSearch: (_id, query, limit) => trace.search(query, limit),
  chainCheck: (_id, budget) => chain.check(budget),
  pageCheck: (_id, budget) => {
    const step = pageWalk(budget);
    return { ...step, problem: step.problem ? `${init.file}: ${describePageProblem(step.problem)}` : null };
  },
  situationTrend: (_id, region, filter, days) => situation.trend(region, filter, days),
  instructions: (_id, filter, limit) => situation.instructions(filter, limit),
  forecastRegion: (_id, region) => forecast.region(region),
  forecastRisk: () => forecast.risk(),
  ruleAlerts: (_id, filter, limit) => {
    const alerts = ruleAlerts.list().filter(ruleAlertInScope(filter));
    return { alerts: alerts.slice(0, limit), total: alerts.length, coveredKinds: ruleAlerts.coveredKinds() };
  },
  ruleSetInForce: (_id, region) => ruleAlerts.ruleSet(region),
  ruleAlertsPreview: (_id, region, set) => ruleAlerts.preview(region, set),
  registryOverview: (_id, region) => registryOverview(replica.db, region),
  emergencyState: (_id, now) => emergency.state(now),
  dispatchSupply: (_id, categories) => dispatch.supply(categories),
  simulationSupply: (_id, categories) => replicaSimulationSupply(dispatch, categories),
  optimisationRotation: (_id, options) => optimisation.rotation(options),
  optimisationLayout: (_id, options) => optimisation.layout(options),
  optimisationCosts: (_id, options) => optimisation.costs(options),
  optimisationSizing: (_id, region) => optimisation.sizing(region),
  rotationHoldings: (_id, pairs) => optimisation.holdings(pairs),
  schemaVersion: () => sync.schemaVersion(),
  syncCursor: (_id, region) => sync.cursor(region),
  syncApply: (_id, region, events) => sync.apply(region, events),
  syncHashAt: (_id, region, seq) => sync.hashAt(region, seq),
  syncSaveCheckpoint: (_id, checkpoint) => sync.saveCheckpoint(checkpoint),
  syncApplySnapshot: (_id, snapshot, checkpoint) => sync.applySnapshot(snapshot, checkpoint),
  replayBuild: (_id, budget) => replay.build(budget),
  replayRange: () => replay.range(),
  replaySnapshot: (_id, at, filter) => replay.snapshot(at, filter),
  replayKpis: (_id, at, filter) => replay.kpis(at, filter),
  briefingExport: (id, options) =>
    exportBriefing(replica.db, { ...options, onStep: (step) => send({ kind: 'progress', id, done: ['figures', 'layout', 'write'].indexOf(step) + 1, total: 3 }) }),
  close: () => {
    replica.close();
    setImmediate(() => port.close());
    return null;
  },
  seed: (id, options) => {
    const result = seedInto(replica, { ...options, onProgress: (done, total) => send({ kind: 'progress', id, done, total }) });
    ruleAlerts.reset();
    return result;
  },
};

port.on('message', (request: WorkerRequest) => {
  const started = performance.now();
  try {
    const handler = handlers[request.method] as (id: number, ...args: unknown[]) => unknown;
    const value = handler(request.id, ...request.args);
    send({ kind: 'result', id: request.id, value });
  } catch (err) {
    send({ kind: 'error', id: request.id, error: toErrorShape(err) });
  }
  const millis = performance.now() - started;
  // Seeding and the background chain walk are long by design; only interactive queries are reported.
  if (millis > init.slowQueryMs && request.method !== 'seed' && request.method !== 'chainCheck' && request.method !== 'pageCheck' && request.method !== 'replayBuild') send({ kind: 'slow', method: request.method, millis });
});

