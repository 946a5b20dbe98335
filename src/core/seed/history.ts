import type { Actor, CategoryClass, EventDraft, EventType, PayloadOf } from '../../shared/domain/events';
import { contentId } from '../chain/seal';
import { LIFECYCLE, heldOf, shortCount, writeOff } from './lifecycle';
import { lotOrigin, reliefRecipient, rotationRecipient, routineRecipient } from './names';
import type { Rng } from './prng';
import type { ScaleSpec } from './scales';
import { credit, debitFefo, debitHolding, usable, type DepotState, type Holding, type SeedLot, type Slot } from './stock';
import { WORK_SECONDS, isoDate, isoTime, monthOf, workStart, yearOf } from './time';
import { pad6, push, split, sum } from './util';

export interface HistoryContext {
  region: string;
  provinceShort: string;
  spec: ScaleSpec;
  rng: Rng;
  depots: DepotState[];
  firstDay: number;
  lastDay: number;
  /** asOf in Unix seconds: nothing may happen after it. */
  endSec: number;
  dutyOfficers: readonly string[];
  commanders: readonly string[];
  /** Seq the region's first history draft gets once sealed (after declaration and registrations). */
  firstSeq: number;
}

/** A draft as written, with the seq it will have in the region's log (corrections cite it). */
interface Written {
  draft: EventDraft;
  seq: number;
}

type Credit =
  | { kind: 'intake'; slot: Slot; quantities: number[]; instructionId: string }
  | { kind: 'transfer-in'; slot: Slot; lot: SeedLot; qty: number; transferId: string; instructionId: string };

type Line = PayloadOf<'instruction.issued'>['lines'][number];
type Level = PayloadOf<'instruction.issued'>['level'];

/** Days before expiry from which a lot is due for rotation. */
const ROTATION_LEAD = 45;
/** Chance a due lot is rotated at a weekly review; the rest drift towards expiry. */
const ROTATION_CHANCE = 0.25;
/** Same, at depots whose rotation is backlogged (sales contracts, budgets). */
const SLOW_ROTATION_CHANCE = 0.04;
/** Replenish when stock plus incoming falls below this share of the target. */
const REORDER_SHARE = 0.65;
/** Chance a due replenishment waits for the next review (budgets, paperwork). */
const REPLENISH_DELAY_CHANCE = 0.25;
const TRANSFER_CHANCE = 0.75;
/** A donor keeps at least this share of its own target. */
const DONOR_FLOOR = 0.5;
/** Laggard depots stop being replenished this many days before asOf. */
const LAGGARD_STALL_DAYS = 150;
/** Classes a provincial government reserve holds untouched between rotations. */
const STATIC_CLASSES: ReadonlySet<CategoryClass> = new Set(['grain', 'oil', 'energy']);
const RELIEF_CLASSES: ReadonlySet<CategoryClass> = new Set(['grain', 'oil', 'shelter', 'water', 'medical', 'power']);
/** Days between manufacture and intake, by class. */
const PRODUCTION_LAG: Readonly<Record<CategoryClass, [number, number]>> = {
  grain: [15, 120],
  oil: [10, 60],
  energy: [3, 30],
  shelter: [30, 180],
  water: [7, 60],
  medical: [15, 120],
  power: [30, 240],
};
const GRADES = ['A', 'B', 'C'] as const;
const GRADE_WEIGHTS = [0.6, 0.3, 0.1];

/**
 * Simulates a province's stock history day by day and yields each day's drafts in time
 * order. State changes happen in the order drafts are written, so replaying the drafts
 * reproduces the generator's own book.
 */
export class RegionHistory {
  private readonly buffer: EventDraft[] = [];
  private readonly credits = new Map<number, Credit[]>();
  private readonly slotsByCategory = new Map<string, Slot[]>();
  private readonly depotsByCity = new Map<string, DepotState[]>();
  private readonly commissioning = new Map<number, DepotState[]>();
  private readonly drawdowns = new Map<number, DepotState[]>();
  private readonly active: DepotState[] = [];
  /** Work due on a later day: recounts, corrections, disposals of failed lots. */
  private readonly followUps = new Map<number, (() => void)[]>();
  private written = 0;
  private lotSeq = 0;
  private instructionSeq = 0;
  private transferSeq = 0;

  constructor(private readonly ctx: HistoryContext) {
    for (const depot of ctx.depots) {
      for (const slot of depot.slots) push(this.slotsByCategory, slot.category.code, slot);
      push(this.depotsByCity, depot.plan.city.adcode, depot);
      push(this.commissioning, depot.commissionDay, depot);
      if (depot.drawdownDay !== null) push(this.drawdowns, depot.drawdownDay, depot);
    }
  }

  *run(): Generator<EventDraft> {
    const { firstDay, lastDay, endSec } = this.ctx;
    for (let day = firstDay; day <= lastDay; day++) {
      const window = Math.min(WORK_SECONDS, endSec - workStart(day));
      if (window <= 0) break;
      this.receive(day);
      for (const task of this.followUps.get(day) ?? []) task();
      this.followUps.delete(day);
      for (const depot of this.commissioning.get(day) ?? []) this.commission(depot, day);
      this.incidents(day);
      this.routine(day);
      for (const depot of this.active) {
        if ((day + depot.index) % 7 === 0 && day >= depot.commissionDay + 7) this.review(depot, day);
      }
      for (const depot of this.drawdowns.get(day) ?? []) this.drawdown(depot, day);
      yield* this.flush(day, window);
    }
  }

  // ---- daily activities ----------------------------------------------------------------

  private receive(day: number): void {
    const due = this.credits.get(day);
    if (!due) return;
    this.credits.delete(day);
    for (const c of due) {
      c.slot.incoming -= c.kind === 'intake' ? sum(c.quantities) : c.qty;
      if (c.kind === 'intake') {
        for (const q of c.quantities) this.intake(c.slot, q, c.instructionId, day, 0);
      } else {
        credit(c.slot, c.lot, c.qty);
        this.emit('stock.transfer-in', this.operator(c.slot.depot), c.instructionId, {
          transferId: c.transferId,
          lotId: c.lot.id,
          toDepot: c.slot.depot.plan.code,
          quantity: c.qty,
        });
      }
    }
  }

  /** First fill of a new depot; lots are of mixed age so expiries are staggered. */
  private commission(depot: DepotState, day: number): void {
    const { rng, spec } = this.ctx;
    const plan = depot.slots.map((slot) => {
      const total = Math.max(1, Math.round(slot.target * rng.range(0.75, 1)));
      const n = Math.max(1, Math.round(spec.lotsPerSlot * rng.range(0.8, 1.2)));
      return { slot, quantities: split(total, n, rng) };
    });
    const id = this.instruct(
      'procurement',
      this.levelFor(depot),
      plan.map(({ slot, quantities }) => ({ category: slot.category.code, quantity: sum(quantities), toDepot: depot.plan.code })),
    );
    for (const { slot, quantities } of plan) {
      for (const q of quantities) {
        const age = rng.int(0, Math.floor(slot.category.shelfLifeDays * 0.75));
        this.intake(slot, q, id, day, age);
      }
    }
    this.active.push(depot);
  }

  private incidents(day: number): void {
    const { rng, spec } = this.ctx;
    if (this.active.length === 0) return;
    const mean = ((this.active.length * spec.incidentsPerDepotYear) / 365) * season(monthOf(day));
    const n = rng.poisson(mean);
    for (let k = 0; k < n; k++) {
      const epicentre = rng.pick(this.active);
      const major = rng.chance(0.06);
      const [lo, hi] = major ? [0.35, 0.7] : [0.05, 0.25];
      const depots = [epicentre, ...this.neighbours(epicentre, rng.int(0, 2))];
      const picks: { slot: Slot; qty: number }[] = [];
      for (const depot of depots) {
        const candidates = depot.slots.filter((s) => RELIEF_CLASSES.has(s.category.class) && usable(s, day) > 0);
        if (candidates.length === 0) continue;
        rng.shuffle(candidates);
        for (const slot of candidates.slice(0, rng.int(1, Math.min(4, candidates.length)))) {
          const qty = Math.max(1, Math.floor(usable(slot, day) * rng.range(lo, hi)));
          picks.push({ slot, qty });
        }
      }
      if (picks.length === 0) continue;
      const central = major && rng.chance(0.5);
      const id = this.instruct(
        'dispatch',
        central ? 'central' : 'province',
        picks.map(({ slot, qty }) => ({ category: slot.category.code, quantity: qty, fromDepot: slot.depot.plan.code })),
      );
      const recipient = reliefRecipient(rng, epicentre.plan.placeZh);
      for (const { slot, qty } of picks) this.issue(slot, qty, id, day, recipient);
    }
  }

  /** Day-to-day releases (market supply, drills, local requests), a few lines each. */
  private routine(day: number): void {
    const { rng, spec } = this.ctx;
    const mean = (this.active.length * spec.routinePerDepotYear) / 365;
    const n = rng.poisson(mean);
    for (let k = 0; k < n; k++) {
      const depot = rng.pick(this.active);
      // Government reserves leave only by order (incidents) or rotation; their lots age in place.
      const kind = depot.plan.payload.operatorKind;
      if (kind === 'national') continue;
      const candidates = depot.slots.filter(
        (s) => (kind !== 'provincial' || !STATIC_CLASSES.has(s.category.class)) && usable(s, day) > 0,
      );
      if (candidates.length === 0) continue;
      rng.shuffle(candidates);
      const picks = candidates.slice(0, rng.int(1, Math.min(4, candidates.length))).map((slot) => ({
        slot,
        qty: Math.max(1, Math.min(usable(slot, day), Math.round(slot.lotSize * rng.range(0.06, 0.32)))),
      }));
      const id = this.instruct(
        'dispatch',
        'province',
        picks.map(({ slot, qty }) => ({ category: slot.category.code, quantity: qty, fromDepot: depot.plan.code })),
      );
      for (const { slot, qty } of picks) {
        this.issue(slot, qty, id, day, routineRecipient(rng, slot.category.class, depot.plan.placeZh));
      }
    }
  }

  /** Weekly review of one depot: rotate lots near expiry, then replenish low stock. */
  private review(depot: DepotState, day: number): void {
    this.inspect(depot, day);
    this.disposeExpired(depot, day);
    this.rotate(depot, day);
    this.replenish(depot, day);
  }

  /** A count of a few holdings; a mismatch is resolved days later by a recount or a write-off. */
  private inspect(depot: DepotState, day: number): void {
    const { rng } = this.ctx;
    if (!rng.chance(LIFECYCLE.inspectionChance)) return;
    const all = depot.slots.flatMap((slot) => slot.holdings.map((holding) => ({ slot, holding })));
    if (all.length === 0) return;
    const picked = rng.shuffle(all).slice(0, rng.int(1, Math.min(LIFECYCLE.holdingsPerInspection, all.length)));
    const id = this.instruct(
      'inspection',
      this.levelFor(depot),
      picked.map(({ slot, holding }) => ({ category: slot.category.code, quantity: holding.qty })),
    );
    for (const { slot, holding } of picked) {
      const { lot, qty: book } = holding;
      const failed = rng.chance(LIFECYCLE.qualityFailChance);
      const off = book >= 2 && rng.chance(LIFECYCLE.discrepancyChance);
      const physicalCount = off ? shortCount(book, rng.range(0.005, 0.03)) : book;
      const count = this.emit('stock.inspected', this.operator(depot), id, {
        lotId: lot.id,
        depot: depot.plan.code,
        physicalCount,
        quality: failed ? 'fail' : 'pass',
      });
      if (off) {
        const task = rng.chance(LIFECYCLE.recountShare)
          ? () => this.recount(slot, lot, id)
          : () => this.writeOffShortfall(slot, lot, id, count, book - physicalCount);
        push(this.followUps, day + rng.int(2, 10), task);
      }
      if (failed) push(this.followUps, day + rng.int(1, 5), () => this.disposeFailed(slot, lot));
    }
  }

  /** A second count that finds what the book says: the first count was wrong. */
  private recount(slot: Slot, lot: SeedLot, instructionId: string): void {
    this.emit('stock.inspected', this.operator(slot.depot), instructionId, {
      lotId: lot.id,
      depot: slot.depot.plan.code,
      physicalCount: heldOf(slot, lot)?.qty ?? 0,
      quality: 'pass',
      note: '复盘',
    });
  }

  /** The shortfall was real: a correction citing the count writes it off the book. */
  private writeOffShortfall(slot: Slot, lot: SeedLot, instructionId: string, count: Written, shortfall: number): void {
    const taken = writeOff(slot, lot, shortfall);
    this.emit('event.corrected', this.operator(slot.depot), instructionId, {
      corrects: [{ seq: count.seq, id: contentId(count.draft) }],
      reason: '盘点短少属实，核销损耗',
      ...(taken > 0 ? { adjustment: { lotId: lot.id, depot: slot.depot.plan.code, quantity: -taken } } : {}),
    });
  }

  private disposeFailed(slot: Slot, lot: SeedLot): void {
    const holding = heldOf(slot, lot);
    if (!holding) return;
    this.dispose(slot.depot, [{ slot, holding }], 'failed-inspection');
  }

  /** Lots long past expiry that were never rotated are destroyed. */
  private disposeExpired(depot: DepotState, day: number): void {
    const { rng } = this.ctx;
    const due: { slot: Slot; holding: Holding }[] = [];
    for (const slot of depot.slots) {
      for (const holding of slot.holdings) {
        if (holding.lot.expiryDay < day - LIFECYCLE.disposalGraceDays && rng.chance(LIFECYCLE.disposalChance)) due.push({ slot, holding });
      }
    }
    if (due.length > 0) this.dispose(depot, due, 'expired');
  }

  private dispose(depot: DepotState, due: { slot: Slot; holding: Holding }[], reason: 'expired' | 'failed-inspection'): void {
    const code = depot.plan.code;
    const id = this.instruct(
      'disposal',
      this.levelFor(depot),
      due.map(({ slot, holding }) => ({ category: slot.category.code, quantity: holding.qty, fromDepot: code })),
    );
    for (const { slot, holding } of due) {
      const piece = debitHolding(slot, holding);
      this.emit('stock.disposed', this.operator(depot), id, { lotId: piece.lot.id, depot: code, quantity: piece.qty, reason });
    }
  }

  private rotate(depot: DepotState, day: number): void {
    const { rng } = this.ctx;
    const chance = depot.slowRotation ? SLOW_ROTATION_CHANCE : ROTATION_CHANCE;
    const due: { slot: Slot; holdings: Holding[] }[] = [];
    for (const slot of depot.slots) {
      const holdings = slot.holdings.filter((h) => h.lot.expiryDay - day <= ROTATION_LEAD && rng.chance(chance));
      if (holdings.length > 0) due.push({ slot, holdings });
    }
    if (due.length === 0) return;
    const code = depot.plan.code;
    const id = this.instruct(
      'rotation',
      this.levelFor(depot),
      due.map(({ slot, holdings }) => ({
        category: slot.category.code,
        quantity: sum(holdings.map((h) => h.qty)),
        fromDepot: code,
        toDepot: code,
      })),
    );
    for (const { slot, holdings } of due) {
      let total = 0;
      const recipient = rotationRecipient(rng, slot.category.class);
      for (const h of holdings) {
        const piece = debitHolding(slot, h);
        if (rng.chance(LIFECYCLE.swapRotationShare)) {
          this.swap(slot, piece.lot, piece.qty, id, day);
          continue;
        }
        total += piece.qty;
        this.emitIssue(slot, piece.lot, piece.qty, id, recipient);
      }
      if (total === 0) continue;
      this.schedule(day + rng.int(2, 15), { kind: 'intake', slot, quantities: this.lotsFor(slot, total), instructionId: id });
      slot.incoming += total;
    }
  }

  /** In-place rotation: the replacement lot arrives as the old one leaves, one linked event. */
  private swap(slot: Slot, old: SeedLot, qty: number, instructionId: string, day: number): void {
    const { lot, master } = this.newLot(slot, day, 0);
    credit(slot, lot, qty);
    this.emit('stock.rotated', this.operator(slot.depot), instructionId, {
      lotId: old.id,
      depot: slot.depot.plan.code,
      quantity: qty,
      newLot: { ...master, quantity: qty },
      reason: '临近保质期，原地轮换',
    });
  }

  private replenish(depot: DepotState, day: number): void {
    const { rng, lastDay } = this.ctx;
    if (depot.plan.laggard && day > lastDay - LAGGARD_STALL_DAYS) return;
    const transfers: { donor: Slot; slot: Slot; pieces: { lot: SeedLot; qty: number }[] }[] = [];
    const buys: { slot: Slot; qty: number }[] = [];
    for (const slot of depot.slots) {
      if (slot.onHand + slot.incoming >= REORDER_SHARE * slot.target) continue;
      if (rng.chance(REPLENISH_DELAY_CHANCE)) continue;
      let need = Math.round(slot.target * rng.range(0.9, 1.05)) - slot.onHand - slot.incoming;
      if (need < 1) continue;
      if (rng.chance(TRANSFER_CHANCE)) {
        const donor = this.findDonor(slot, need, day);
        if (donor) {
          const pieces = debitFefo(donor, Math.min(need, spareOf(donor, day)), day);
          if (pieces.length > 0) {
            transfers.push({ donor, slot, pieces });
            need -= sum(pieces.map((p) => p.qty));
          }
        }
      }
      if (need >= 1) buys.push({ slot, qty: need });
    }

    if (transfers.length > 0) {
      const id = this.instruct(
        'transfer',
        'province',
        transfers.map(({ donor, slot, pieces }) => ({
          category: slot.category.code,
          quantity: sum(pieces.map((p) => p.qty)),
          fromDepot: donor.depot.plan.code,
          toDepot: depot.plan.code,
        })),
      );
      for (const { donor, slot, pieces } of transfers) {
        const actor = this.operator(donor.depot);
        for (const { lot, qty } of pieces) {
          const transferId = `T${this.ctx.region}-${pad6(++this.transferSeq)}`;
          this.emit('stock.transfer-out', { ...actor }, id, {
            transferId,
            lotId: lot.id,
            fromDepot: donor.depot.plan.code,
            toDepot: depot.plan.code,
            quantity: qty,
          });
          this.schedule(day + rng.int(1, 5), { kind: 'transfer-in', slot, lot, qty, transferId, instructionId: id });
          slot.incoming += qty;
        }
      }
    }

    if (buys.length > 0) {
      const id = this.instruct(
        'procurement',
        this.levelFor(depot),
        buys.map(({ slot, qty }) => ({ category: slot.category.code, quantity: qty, toDepot: depot.plan.code })),
      );
      for (const { slot, qty } of buys) {
        this.schedule(day + rng.int(5, 20), { kind: 'intake', slot, quantities: this.lotsFor(slot, qty), instructionId: id });
        slot.incoming += qty;
      }
    }
  }

  /** A heavy emergency draw on a laggard depot late in the history. */
  private drawdown(depot: DepotState, day: number): void {
    const { rng } = this.ctx;
    const picks = depot.slots
      .map((slot) => ({ slot, qty: Math.floor(usable(slot, day) * rng.range(0.6, 0.9)) }))
      .filter((p) => p.qty >= 1);
    if (picks.length === 0) return;
    const id = this.instruct(
      'dispatch',
      'central',
      picks.map(({ slot, qty }) => ({ category: slot.category.code, quantity: qty, fromDepot: depot.plan.code })),
    );
    const recipient = reliefRecipient(rng, depot.plan.placeZh);
    for (const { slot, qty } of picks) this.issue(slot, qty, id, day, recipient);
  }

  // ---- helpers -------------------------------------------------------------------------

  private findDonor(slot: Slot, need: number, day: number): Slot | undefined {
    const { rng } = this.ctx;
    const candidates = this.slotsByCategory.get(slot.category.code) ?? [];
    for (let tries = 0; tries < 6 && candidates.length > 1; tries++) {
      const donor = rng.pick(candidates);
      // Central reserves move only on central orders, not to top up other depots.
      if (donor === slot || day < donor.depot.commissionDay || donor.depot.plan.payload.operatorKind === 'national') continue;
      if (spareOf(donor, day) >= Math.max(1, 0.2 * need)) return donor;
    }
    return undefined;
  }

  private neighbours(depot: DepotState, n: number): DepotState[] {
    if (n === 0) return [];
    const { rng } = this.ctx;
    const sameCity = (this.depotsByCity.get(depot.plan.city.adcode) ?? []).filter((d) => d !== depot && this.active.includes(d));
    const pool = sameCity.length > 0 ? sameCity : this.active.filter((d) => d !== depot);
    return rng.shuffle([...pool]).slice(0, n);
  }

  private issue(slot: Slot, qty: number, instructionId: string, day: number, recipient: string): void {
    for (const piece of debitFefo(slot, qty, day)) this.emitIssue(slot, piece.lot, piece.qty, instructionId, recipient);
  }

  private emitIssue(slot: Slot, lot: SeedLot, qty: number, instructionId: string, recipient: string): void {
    this.emit('stock.issued', this.operator(slot.depot), instructionId, {
      lotId: lot.id,
      depot: slot.depot.plan.code,
      quantity: qty,
      recipient,
    });
  }

  /** Receives one new lot; `age` extra days back-date its production (first fill). */
  private intake(slot: Slot, qty: number, instructionId: string, day: number, age: number): void {
    const { lot, master } = this.newLot(slot, day, age);
    credit(slot, lot, qty);
    this.emit('lot.intake', this.operator(slot.depot), instructionId, { ...master, depot: slot.depot.plan.code, quantity: qty });
  }

  /** A new lot and its master data; `age` extra days back-date its production (first fill). */
  private newLot(slot: Slot, day: number, age: number) {
    const { rng, region, provinceShort } = this.ctx;
    const category = slot.category;
    const [lagMin, lagMax] = PRODUCTION_LAG[category.class];
    const productionDay = day - rng.int(lagMin, lagMax) - age;
    const lot: SeedLot = {
      id: `L${region}-${pad6(++this.lotSeq)}`,
      category,
      expiryDay: productionDay + category.shelfLifeDays,
    };
    const master = {
      lotId: lot.id,
      category: category.code,
      productionDate: isoDate(productionDay),
      expiryDate: isoDate(lot.expiryDay),
      grade: GRADES[rng.weighted(GRADE_WEIGHTS)] ?? 'A',
      origin: lotOrigin(rng, category.class, provinceShort, yearOf(productionDay)),
    };
    return { lot, master };
  }

  /** Splits a quantity into lots of about the slot's usual size. */
  private lotsFor(slot: Slot, total: number): number[] {
    const n = Math.min(4, Math.max(1, Math.round(total / (slot.lotSize * 1.15))));
    return split(total, n, this.ctx.rng);
  }

  private instruct(kind: PayloadOf<'instruction.issued'>['kind'], level: Level, lines: Line[]): string {
    const { rng, region, commanders, dutyOfficers } = this.ctx;
    const id = `I${region}-${pad6(++this.instructionSeq)}`;
    const actor: Actor =
      level === 'central'
        ? { subject: rng.pick(commanders), role: 'national-commander' }
        : { subject: rng.pick(dutyOfficers), role: 'duty-officer' };
    this.emit('instruction.issued', actor, null, { id, kind, level, issuer: actor.subject, lines });
    return id;
  }

  private levelFor(depot: DepotState): Level {
    return depot.plan.payload.operatorKind === 'national' ? 'central' : 'province';
  }

  private operator(depot: DepotState): Actor {
    return { subject: this.ctx.rng.pick(depot.plan.operators), role: 'depot-operator' };
  }

  private schedule(day: number, c: Credit): void {
    push(this.credits, day, c);
  }

  private emit<T extends EventType>(type: T, actor: Actor, instructionId: string | null, payload: PayloadOf<T>): Written {
    const draft = { region: this.ctx.region, type, eventTime: '', actor, instructionId, payload } as EventDraft;
    this.buffer.push(draft);
    return { draft, seq: this.ctx.firstSeq + this.written++ };
  }

  /** Gives the day's drafts sorted random times within working hours, in write order. */
  private *flush(day: number, window: number): Generator<EventDraft> {
    const n = this.buffer.length;
    if (n === 0) return;
    const { rng } = this.ctx;
    const offsets = new Float64Array(n);
    for (let i = 0; i < n; i++) offsets[i] = Math.floor(rng.next() * window);
    offsets.sort();
    const start = workStart(day);
    for (let i = 0; i < n; i++) {
      const draft = this.buffer[i] as EventDraft;
      draft.eventTime = isoTime(start + (offsets[i] ?? 0));
      yield draft;
    }
    this.buffer.length = 0;
  }
}

/** What a depot can give away and still hold its donor floor. */
function spareOf(slot: Slot, day: number): number {
  return Math.floor(Math.min(usable(slot, day), slot.onHand - DONOR_FLOOR * slot.target));
}

/** Slightly more activity in the summer flood season and the winter freeze. */
function season(month: number): number {
  if (month >= 6 && month <= 9) return 1.8;
  if (month <= 2 || month === 12) return 1.1;
  return 0.6;
}
