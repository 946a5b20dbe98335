import { describe, expect, it } from 'vitest';
import { CATEGORIES, SCALES, estimateEventCount } from '../../src/core/seed';
import type { EventType } from '../../src/shared/domain/events';
import { ASOF, allLogs } from './fixtures';
import { holdingsByClass, replay, type Book } from './replay';

const logs = allLogs();
const books: Book[] = [...logs].filter(([r]) => r !== '000000').map(([, log]) => replay(log, ASOF));
const classOf = new Map(CATEGORIES.map((c) => [c.code, c.class]));
const floorOf = new Map<string, number>();
for (const c of CATEGORIES) floorOf.set(c.class, Math.max(floorOf.get(c.class) ?? 0, c.safetyFloorShare));

function count(type: EventType): number {
  let n = 0;
  for (const log of logs.values()) for (const d of log) if (d.type === type) n++;
  return n;
}

describe('tiny seed size and spread', () => {
  it('has the expected size', () => {
    const total = [...logs.values()].reduce((n, log) => n + log.length, 0);
    expect(count('depot.registered')).toBe(SCALES.tiny.depots);
    expect(count('lot.intake')).toBeGreaterThanOrEqual(1000);
    expect(count('lot.intake')).toBeLessThanOrEqual(2500);
    expect(total).toBeGreaterThanOrEqual(9000);
    expect(total).toBeLessThanOrEqual(16000);
    expect(Math.abs(estimateEventCount('tiny') - total) / total).toBeLessThan(0.3);
    const lifecycle = ['stock.inspected', 'stock.rotated', 'stock.disposed', 'event.corrected'] as const;
    for (const type of ['instruction.issued', 'stock.issued', 'stock.transfer-out', 'stock.transfer-in', ...lifecycle] as const) {
      expect(count(type), type).toBeGreaterThan(0);
    }
  });

  it('leaves lots near expiry, lots used up, and depots under their floor', () => {
    const asOf = Date.parse(ASOF);
    let within30 = 0;
    let within90 = 0;
    let exhausted = 0;
    let belowFloor = 0;
    let depots = 0;
    for (const book of books) {
      exhausted += book.exhausted.size;
      const remaining = new Map<string, number>();
      for (const [key, qty] of book.stock) {
        const lotId = key.slice(0, key.indexOf('|'));
        remaining.set(lotId, (remaining.get(lotId) ?? 0) + qty);
      }
      for (const [lotId, qty] of remaining) {
        if (qty <= 0) continue;
        const days = (Date.parse(book.lots.get(lotId)?.expiryDate ?? '') - asOf) / 86_400_000;
        if (days >= 0 && days <= 30) within30++;
        if (days >= 0 && days <= 90) within90++;
      }
      const held = holdingsByClass(book, (c) => classOf.get(c) ?? '?');
      for (const [code, depot] of book.depots) {
        depots++;
        const below = Object.entries(depot.capacity).some(
          ([cls, cap]) => (held.get(code)?.get(cls) ?? 0) < (floorOf.get(cls) ?? 0) * cap,
        );
        if (below) belowFloor++;
      }
    }
    expect(within30).toBeGreaterThan(0);
    expect(within90).toBeGreaterThan(within30);
    expect(exhausted).toBeGreaterThan(0);
    expect(belowFloor).toBeGreaterThan(0);
    // most depots are healthy
    expect(belowFloor).toBeLessThan(depots * 0.5);
  });

  it('estimates scale roughly tenfold from demo to national', () => {
    expect(estimateEventCount('demo')).toBeGreaterThan(400_000);
    expect(estimateEventCount('demo')).toBeLessThan(600_000);
    expect(estimateEventCount('national') / estimateEventCount('demo')).toBeGreaterThan(9);
    expect(estimateEventCount('national') / estimateEventCount('demo')).toBeLessThan(12);
  });
});
