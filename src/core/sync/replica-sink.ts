import type { SealedEvent } from '../../shared/domain/events';
import type { Checkpoint, RegionSnapshot } from '../../shared/protocol/frames';

/** Where a link applies what it receives: the replica, directly (CLI) or through its worker (app host). */
export interface ReplicaSink {
  schemaVersion(): Promise<number>;
  cursor(region: string): Promise<number>;
  /** Applies a batch and advances the region's cursor in one transaction; returns the new cursor. */
  apply(region: string, events: SealedEvent[]): Promise<number>;
  hashAt(region: string, seq: number): Promise<string | null>;
  saveCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** Replaces the region's state with a verified snapshot and moves its cursor to the snapshot's seq. */
  applySnapshot(snapshot: RegionSnapshot, checkpoint: Checkpoint): Promise<number>;
}
