import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { expect } from 'vitest';
import { EVENT_COLUMNS, eventOfRow, type EventRow } from '../../src/core/audit/event-row';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import type { Db } from '../../src/core/replica/open';
import type { SealedEvent } from '../../src/shared/domain/events';

export const KEY = randomBytes(32);

/** Every stored event of every region, in log order: the independent side of the comparisons. */
export function storedLogs(db: Db): Map<string, SealedEvent[]> {
  const regions = db.prepare<[], { region: string }>('SELECT region FROM region_heads ORDER BY region').all();
  const rows = db.prepare<[string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE region = ? ORDER BY seq`).raw();
  return new Map(regions.map(({ region }) => [region, (rows.all(region) as EventRow[]).map((r) => eventOfRow(region, r))]));
}

/**
 * A fresh replica fed, through the projector, each region's log up to a moment (events recorded
 * at or before it): what a replica holding the log at that moment would show. Moments must come
 * in ascending order; the fold goes on from where the last one stopped.
 */
export function createReferenceFold(dir: string, logs: Map<string, SealedEvent[]>) {
  const replica: Replica = openReplica(join(dir, 'reference.db'), KEY, { create: true });
  const next = new Map<string, number>([...logs.keys()].map((r) => [r, 0]));
  let last = Number.NEGATIVE_INFINITY;
  return {
    replica,
    foldTo(atMs: number): void {
      if (atMs < last) throw new Error('reference fold moments must ascend');
      last = atMs;
      for (const [region, events] of logs) {
        let i = next.get(region) ?? 0;
        const batch: SealedEvent[] = [];
        while (i < events.length && Date.parse((events[i] as SealedEvent).recordTime) <= atMs) batch.push(events[i++] as SealedEvent);
        if (batch.length > 0) replica.projector.applyBatch(region, batch);
        next.set(region, i);
      }
    },
  };
}

/** Deep equality where integers must match exactly and fractions to 1e-9 (sums of the same terms in another order). */
export function expectSameFigures(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isInteger(expected) && Number.isInteger(actual)) {
      expect(actual, path).toBe(expected);
      return;
    }
    const scale = Math.max(1, Math.abs(expected));
    expect(Math.abs(actual - expected) / scale, `${path}: ${actual} vs ${expected}`).toBeLessThan(1e-9);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    const a = actual as unknown[];
    expect(a.length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => expectSameFigures(a[i], e, `${path}[${i}]`));
    return;
  }
  if (expected && typeof expected === 'object') {
    expect(actual && typeof actual === 'object', path).toBeTruthy();
    const a = actual as Record<string, unknown>;
    expect(Object.keys(a).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectSameFigures(a[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

/** mulberry32: moments that can be drawn again from the printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
