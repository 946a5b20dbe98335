import { describe, expect, it } from 'vitest';
import type { LotTrace, TraceEvent } from '../../../../shared/contract';
import { pathLegs, traceSituation } from './path-legs';

const event = (seq: number, type: string, extra: Partial<TraceEvent> = {}): TraceEvent => ({
  region: '430000',
  seq,
  id: `id${seq}`,
  type,
  eventTime: `2026-01-0${seq}T00:00:00Z`,
  recordTime: `2026-01-0${seq}T00:00:00Z`,
  actor: { subject: 'CN=李强', role: 'depot-operator' },
  instructionId: 'I-1',
  depot: null,
  fromDepot: null,
  toDepot: null,
  lotId: 'L1',
  quantity: 100,
  deltas: [],
  payload: {},
  hash: `h${seq}`,
  chain: 'ok',
  chainNote: null,
  ...extra,
});

const place = (code: string, lon: number, lat: number) => ({ code, nameZh: code, nameEn: code, region: '430000', lon, lat });

const trace = (events: TraceEvent[]): LotTrace => ({
  lot: { lotId: 'L1', region: '430000', category: 'GR-RICE', unit: 't', intakeDepot: 'A', quantityIn: 100, onHand: 100, inTransit: 0, productionDate: '2025-01-01', expiryDate: '2028-01-01', grade: 'A', origin: 'x' },
  replaces: null,
  replacedBy: [],
  events,
  path: [],
  places: [place('A', 112, 28), place('B', 113, 27), place('C', 114, 26)],
  stockCard: [],
  holdings: [],
  alerts: [],
  chain: { ok: true, broken: 0 },
});

describe('trace path on the map', () => {
  it('draws one leg per transfer sent, in log order, from the places the trace names', () => {
    const legs = pathLegs(
      trace([
        event(1, 'lot.intake', { depot: 'A' }),
        event(2, 'stock.transfer-out', { fromDepot: 'A', toDepot: 'B', quantity: 30, payload: { transferId: 'T-1' } }),
        event(3, 'stock.transfer-in', { fromDepot: 'A', toDepot: 'B', quantity: 30 }),
        event(4, 'stock.transfer-out', { fromDepot: 'B', toDepot: 'C', quantity: 10 }),
        event(5, 'stock.issued', { depot: 'C' }),
      ]),
    );
    expect(legs.map((l) => [l.fromDepot, l.toDepot, l.quantity, l.transferId])).toEqual([
      ['A', 'B', 30, 'T-1'],
      ['B', 'C', 10, '430000:4'],
    ]);
    expect(legs[0]).toMatchObject({ from: [112, 28], to: [113, 27], lotId: 'L1' });
  });

  it('leaves out a leg to a depot it cannot place, and has none for a lot that never moved', () => {
    expect(pathLegs(trace([event(2, 'stock.transfer-out', { fromDepot: 'A', toDepot: 'Z' })]))).toEqual([]);
    expect(pathLegs(trace([event(1, 'lot.intake', { depot: 'A' })]))).toEqual([]);
  });

  it('gives the map a situation of the lot alone, keyed by the lot and its last event', () => {
    const s = traceSituation(trace([event(1, 'lot.intake'), event(2, 'stock.transfer-out', { fromDepot: 'A', toDepot: 'B' })]), []);
    expect(s.depots.map((d) => d.code)).toEqual(['A', 'B', 'C']);
    expect(s.transfers).toHaveLength(1);
    expect(s.dataVersion).toBe('trace:L1:2:h2');
    expect(s.alerts).toEqual([]);
  });
});
