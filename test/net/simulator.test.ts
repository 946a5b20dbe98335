import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegionalStore, type RegionalStore } from '../../src/core/regional/regional-store';
import { startSimulator } from '../../src/core/regional/simulator';
import type { EventDraft } from '../../src/shared/domain/events';
import { TestNetwork } from '../sync/network';
import { waitFor } from '../sync/support/wait';

/*
 * The demo simulator on a region whose stock has run out: it replenishes with a procurement
 * intake (logged) and goes on issuing, instead of stopping silently.
 */
const REGION = '510000';
let net: TestNetwork;
let store: RegionalStore;

beforeAll(() => {
  net = new TestNetwork();
  store = openRegionalStore(net.seededStore(REGION), REGION);
  const db = store.replica.db;
  const actor = { subject: 'CN=drain,OU=duty-officer', role: 'duty-officer' as const };
  const now = new Date();
  const categories = db.prepare<[], string>('SELECT code FROM categories').pluck().all();
  const drain = store.append('drain-instruction', {
    region: REGION,
    type: 'instruction.issued',
    eventTime: now.toISOString(),
    actor,
    instructionId: null,
    payload: { id: 'DRAIN-1', kind: 'dispatch', level: 'province', issuer: actor.subject, lines: categories.map((category) => ({ category, quantity: 1_000_000_000 })) },
  } as EventDraft);
  expect(drain.status).toBe('accepted');
  const lots = db
    .prepare<[string], { lot_id: string; depot: string; quantity: number }>(
      'SELECT s.lot_id, s.depot, s.quantity FROM lot_stock s JOIN depots d ON d.code = s.depot WHERE d.region = ? AND s.quantity > 0',
    )
    .all(REGION);
  for (const [i, lot] of lots.entries()) {
    const result = store.append(`drain-${i}`, {
      region: REGION,
      type: 'stock.issued',
      eventTime: now.toISOString(),
      actor,
      instructionId: 'DRAIN-1',
      payload: { lotId: lot.lot_id, depot: lot.depot, quantity: lot.quantity, recipient: 'drained' },
    } as EventDraft);
    if (result.status !== 'accepted') throw new Error(`drain refused: ${result.reason}`);
  }
});

afterAll(async () => {
  store?.close();
  await net?.close();
});

describe('the simulator when stock runs out', () => {
  it('replenishes with a procurement intake, says so, and keeps issuing', async () => {
    const db = store.replica.db;
    const stocked = () => db.prepare<[string], number>('SELECT count(*) FROM lot_stock s JOIN depots d ON d.code = s.depot WHERE d.region = ? AND s.quantity > 1').pluck().get(REGION) ?? 0;
    expect(stocked()).toBe(0);
    const issuedAfter = store.head().seq;
    const log: string[] = [];
    let appended = 0;
    const stop = startSimulator(store, 50, () => appended++, (l) => log.push(l));
    try {
      await waitFor(() => log.some((l) => l.startsWith(`simulator ${REGION}: stock ran out; replenished with a procurement intake of `)), 'the replenishment', 10_000);
      await waitFor(
        () => (db.prepare<[number], number>("SELECT count(*) FROM events WHERE seq > ? AND type = 'stock.issued'").pluck().get(issuedAfter) ?? 0) >= 3,
        'simulated issues after the replenishment',
        10_000,
      );
    } finally {
      stop();
    }
    const intakes = db.prepare<[number], number>("SELECT count(*) FROM events WHERE seq > ? AND type = 'lot.intake'").pluck().get(issuedAfter);
    const said = Number(/intake of (\d+) lot/.exec(log.find((l) => l.includes('replenished')) ?? '')?.[1]);
    expect(said).toBeGreaterThan(0);
    expect(intakes).toBe(said);
    expect(log.filter((l) => /refused/.test(l))).toEqual([]);
    expect(appended).toBeGreaterThan(3);
  }, 30_000);
});
