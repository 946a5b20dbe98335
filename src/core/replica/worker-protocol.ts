import type { SimulationSupply } from '../simulate/supply';
import type { DepotSummary, ProvinceAggregate, ReplicaStats } from '../../shared/contract/channels';
import type { Category, DepotDetail, InstructionSummary, NationalKpis, Situation, SituationFilter, Trend } from '../../shared/contract/situation-schemas';
import type { SealedEvent } from '../../shared/domain/events';
import type { Checkpoint, RegionSnapshot } from '../../shared/protocol/frames';
import type { InstructionTrace, LotSummary, LotTrace } from '../../shared/contract/trace-schemas';
import type { ChainStatus } from '../../shared/contract/audit-schemas';
import type { SeedScale } from '../seed';
import type { BriefingExportOptions, BriefingExportResult } from '../briefing/export';
import type { ReplayRange } from '../../shared/contract/replay-schemas';
import type { EmergencyState } from '../../shared/contract/emergency-schemas';
import type { DispatchSupply } from '../dispatch/recommend';
import type { ErrorShape } from '../../shared/errors';
import type { CostModel } from '../costs/cost-model';
import type { RotationHolding } from '../optimisation/rotation-instructions';
import type { SizingRow } from '../optimisation/reserve-sizing';
import type { CostReading, LayoutReading, RotationReading } from './optimisation-queries';
import type { ForecastRisk, RegionForecast } from '../../shared/contract/forecast-schemas';
import type { RuleAlert } from '../../shared/domain/alert-rule-engine';
import type { AlertRuleSet } from '../../shared/domain/alert-rules';
import type { RuleSetInForce } from '../alerts/rule-alert-service';
import type { RegistryOverview } from '../../shared/contract/registry-schemas';

/** Typed methods of the replica worker: name → [arguments, result]. */
export interface ReplicaWorkerMethods {
  stats: [[], ReplicaStats];
  provinces: [[], ProvinceAggregate[]];
  searchDepots: [[query: string, limit: number], DepotSummary[]];
  situationSnapshot: [[filter: SituationFilter], Situation];
  situationKpis: [[filter: SituationFilter], NationalKpis];
  depotDetail: [[code: string], DepotDetail | null];
  categories: [[], Category[]];
  traceLot: [[lotId: string], LotTrace | null];
  traceInstruction: [[id: string], InstructionTrace | null];
  traceSearch: [[query: string, limit: number], LotSummary[]];
  /** Walks each region's chain on from where it last stopped, up to `budget` events. */
  chainCheck: [[budget: number], ChainStatus & { complete: boolean }];
  situationTrend: [[region: string, filter: SituationFilter, days: number], Trend];
  instructions: [[filter: SituationFilter, limit: number], InstructionSummary[]];
  /** Stock forecasts, floor crossings and anomalies (src/core/forecast), computed once per data version. */
  forecastRegion: [[region: string], RegionForecast];
  forecastRisk: [[], ForecastRisk];
  /** Open rule alerts, evaluated batch by batch as sync applies them (src/core/alerts). */
  ruleAlerts: [[filter: SituationFilter, limit: number], { alerts: RuleAlert[]; total: number; coveredKinds: string[] }];
  ruleSetInForce: [[region: string], RuleSetInForce];
  ruleAlertsPreview: [[region: string, ruleSet: AlertRuleSet], RuleAlert[]];
  /** The civilian asset registry's pipeline and pending verifications (src/core/registry/registry-overview.ts). */
  registryOverview: [[region: string | null], RegistryOverview];
  /** Levels and proposals of emergency mode; `now` (ms) decides which pending proposals have expired. */
  emergencyState: [[now: number], EmergencyState];
  /** Every depot's whole supply above floor of these categories, and the categories (dispatch-queries.ts). */
  dispatchSupply: [[categories: string[]], DispatchSupply];
  /** The regions' stock and floors of these categories, pooled per province (core/simulate/supply.ts). */
  simulationSupply: [[categories: string[]], SimulationSupply];
  /** The optimisation wall's readings (optimisation-queries.ts). */
  optimisationRotation: [[options: { months: number; region: string | null; costs: CostModel }], RotationReading];
  optimisationLayout: [[options: { region: string | null; maxOpen: number | null }], LayoutReading];
  optimisationCosts: [[options: { region: string | null; months: string[] }], CostReading];
  optimisationSizing: [[region: string | null], SizingRow[]];
  rotationHoldings: [[pairs: { lot: string; depot: string }[]], RotationHolding[]];
  /** Indexes up to `budget` more events for the time slider (see src/core/replay). */
  replayBuild: [[budget: number], ReplayRange['index']];
  replayRange: [[], ReplayRange];
  replaySnapshot: [[at: string, filter: SituationFilter], Situation];
  replayKpis: [[at: string, filter: SituationFilter], NationalKpis];
  /** Gathers the figures and writes a briefing PDF (progress: steps done of 3). */
  briefingExport: [[options: Pick<BriefingExportOptions, 'out' | 'at' | 'region' | 'generatedBy' | 'scenario'>], BriefingExportResult];
  /** Checks up to `budget` more pages of the file against their HMACs (the full check after open). */
  pageCheck: [[budget: number], { complete: boolean; checked: number; total: number; problem: string | null }];
  close: [[], null];
  schemaVersion: [[], number];
  syncCursor: [[region: string], number];
  syncApply: [[region: string, events: SealedEvent[]], number];
  syncHashAt: [[region: string, seq: number], string | null];
  syncSaveCheckpoint: [[checkpoint: Checkpoint], null];
  syncApplySnapshot: [[snapshot: RegionSnapshot, checkpoint: Checkpoint], number];
  seed: [[options: { scale: SeedScale; seed: number; asOf: string; civilian?: boolean }], { events: number; millis: number }];
}
export type ReplicaMethod = keyof ReplicaWorkerMethods;

export interface WorkerInit {
  file: string;
  keyHex: string;
  create: boolean;
  /** Queries slower than this are logged. */
  slowQueryMs: number;
}

export type WorkerRequest = { id: number; method: ReplicaMethod; args: unknown[] };
export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'open-failed'; error: ErrorShape }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; error: ErrorShape }
  | { kind: 'progress'; id: number; done: number; total: number }
  | { kind: 'slow'; method: string; millis: number };
