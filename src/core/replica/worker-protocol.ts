import type { DepotSummary, ProvinceAggregate, ReplicaStats } from '../../shared/contract/channels';
import type { Category, DepotDetail, InstructionSummary, NationalKpis, Situation, SituationFilter, Trend } from '../../shared/contract/situation-schemas';
import type { SealedEvent } from '../../shared/domain/events';
import type { Checkpoint, RegionSnapshot } from '../../shared/protocol/frames';
import type { InstructionTrace, LotSummary, LotTrace } from '../../shared/contract/trace-schemas';
import type { ChainStatus } from '../../shared/contract/audit-schemas';
import type { SeedScale } from '../seed';

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
  close: [[], null];
  schemaVersion: [[], number];
  syncCursor: [[region: string], number];
  syncApply: [[region: string, events: SealedEvent[]], number];
  syncHashAt: [[region: string, seq: number], string | null];
  syncSaveCheckpoint: [[checkpoint: Checkpoint], null];
  syncApplySnapshot: [[snapshot: RegionSnapshot, checkpoint: Checkpoint], number];
  seed: [[options: { scale: SeedScale; seed: number; asOf: string }], { events: number; millis: number }];
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
  | { kind: 'open-failed'; error: { name: string; code?: string; message: string } }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; error: { name: string; code?: string; message: string } }
  | { kind: 'progress'; id: number; done: number; total: number }
  | { kind: 'slow'; method: string; millis: number };
