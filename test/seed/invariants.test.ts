import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/core/seed';
import { MOVEMENT_TYPES, eventDraftSchema, type EventDraft } from '../../src/shared/domain/events';
import { PROVINCES } from '../../src/shared/domain/provinces';
import { ASOF, allLogs } from './fixtures';
import { replay } from './replay';

const logs = allLogs();

/** The depot where a movement happens. */
function movementDepot(d: EventDraft): string | undefined {
  switch (d.type) {
    case 'lot.intake':
    case 'stock.issued':
    case 'stock.inspected':
    case 'stock.rotated':
    case 'stock.disposed':
      return d.payload.depot;
    case 'event.corrected':
      return d.payload.adjustment?.depot;
    case 'stock.transfer-out':
      return d.payload.fromDepot;
    case 'stock.transfer-in':
      return d.payload.toDepot;
    default:
      return undefined;
  }
}
const provinceLogs = [...logs].filter(([region]) => region !== '000000');

describe('tiny seed invariants', () => {
  it('every draft parses with the event schema', () => {
    for (const log of logs.values()) {
      for (const draft of log) {
        const parsed = eventDraftSchema.safeParse(draft);
        if (!parsed.success) throw new Error(`${JSON.stringify(draft)}: ${parsed.error.message}`);
      }
    }
  });

  it('the national log declares the region and every category', () => {
    const log = logs.get('000000') ?? [];
    expect(log[0]).toMatchObject({ type: 'region.declared', payload: { adcode: '000000', level: 'national' } });
    const categories = log.filter((d) => d.type === 'category.defined').map((d) => d.payload);
    expect(categories).toEqual(CATEGORIES);
  });

  it('each province log opens with its declaration and depot registrations', () => {
    for (const [region, log] of provinceLogs) {
      const province = PROVINCES.find((p) => p.adcode === region);
      expect(log[0]).toMatchObject({
        type: 'region.declared',
        payload: { adcode: region, nameZh: province?.nameZh, nameEn: province?.nameEn, level: 'province' },
      });
      const firstOther = log.findIndex((d, i) => i > 0 && d.type !== 'depot.registered');
      const depots = log.slice(1, firstOther);
      expect(depots.length).toBeGreaterThanOrEqual(2);
      expect(depots.every((d) => d.type === 'depot.registered')).toBe(true);
      for (const d of log) expect(d.region).toBe(region);
    }
  });

  it('stock never goes negative, transfers pair up, time only moves forward', () => {
    for (const [region, log] of provinceLogs) {
      const book = replay(log, ASOF);
      expect(book.violations, region).toEqual([]);
    }
  });

  it('every movement executes an instruction issued earlier in the same log', () => {
    for (const log of logs.values()) {
      const issued = new Set<string>();
      for (const d of log) {
        if (d.type === 'instruction.issued') issued.add(d.payload.id);
        if (MOVEMENT_TYPES.has(d.type)) {
          expect(d.instructionId).not.toBeNull();
          expect(issued.has(d.instructionId ?? '')).toBe(true);
        }
      }
    }
  });

  it('lot ids are unique across all regions and lots are well formed', () => {
    const shelf = new Map(CATEGORIES.map((c) => [c.code, c.shelfLifeDays]));
    const seen = new Set<string>();
    for (const [region, log] of provinceLogs) {
      for (const d of log) {
        if (d.type !== 'lot.intake' && d.type !== 'stock.rotated') continue;
        const p = d.type === 'lot.intake' ? d.payload : d.payload.newLot;
        expect(seen.has(p.lotId)).toBe(false);
        seen.add(p.lotId);
        expect(p.lotId.startsWith(`L${region}-`)).toBe(true);
        const days = (Date.parse(p.expiryDate) - Date.parse(p.productionDate)) / 86_400_000;
        expect(days).toBe(shelf.get(p.category));
        expect(['A', 'B', 'C']).toContain(p.grade);
      }
    }
  });

  it('actors and issuers are certificate subjects with fitting roles', () => {
    for (const [region, log] of provinceLogs) {
      for (const d of log) {
        expect(d.actor.subject).toMatch(/^CN=[^,]+,OU=\S+$/);
        const depot = movementDepot(d);
        if (depot !== undefined) {
          expect(d.actor.role).toBe('depot-operator');
          expect(d.actor.subject.endsWith(`,OU=${depot}`)).toBe(true);
        }
        if (d.type === 'instruction.issued') {
          expect(d.payload.issuer).toBe(d.actor.subject);
          if (d.payload.level === 'central') {
            expect(d.actor).toMatchObject({ role: 'national-commander' });
            expect(d.actor.subject.endsWith(',OU=000000')).toBe(true);
          } else {
            expect(d.actor).toMatchObject({ role: 'duty-officer' });
            expect(d.actor.subject.endsWith(`,OU=${region}`)).toBe(true);
          }
        }
      }
    }
  });

  it('depots sit in their province, near a prefecture city, with capacity per stocked class', () => {
    const codes = new Set<string>();
    for (const [region, log] of provinceLogs) {
      for (const d of log) {
        if (d.type !== 'depot.registered') continue;
        const p = d.payload;
        expect(p.code).toMatch(/^\d{6}-D\d{3}$/);
        expect(p.code.startsWith(p.adcode)).toBe(true);
        expect(p.adcode.slice(0, 2)).toBe(region.slice(0, 2));
        expect(codes.has(p.code)).toBe(false);
        codes.add(p.code);
        expect(p.lon).toBeGreaterThan(73);
        expect(p.lon).toBeLessThan(136);
        expect(p.lat).toBeGreaterThan(18);
        expect(p.lat).toBeLessThan(54);
        expect(Object.keys(p.capacity).length).toBeGreaterThan(0);
      }
    }
  });
});
