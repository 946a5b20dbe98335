import type { PayloadOf, SealedEvent } from '../../shared/domain/events';
import { canonicalJson } from '../../shared/domain/canonical';
import { clearAlertsRaisedBy, clearDiscrepancies, raiseAlert } from './alerts';
import { countAgainstInstruction, recordInstructionLines } from './instruction-usage';
import { emergencyProjections } from './project-emergency';
import type { ProjectorStatements } from './statements';

import { refuse, type Ctx } from './refusal';
export { Refusal } from './refusal';

function requireDepotInRegion({ s, event }: Ctx, code: string): void {
  const depot = s.depot.get(code);
  if (!depot) refuse(`unknown depot ${code}`);
  if (depot.region !== event.region) refuse(`depot ${code} belongs to region ${depot.region}`);
}

function requireInstruction({ s, event }: Ctx): void {
  const id = event.instructionId;
  if (!id) refuse(`${event.type} without an instruction`);
  const instruction = s.instruction.get(id);
  if (!instruction) refuse(`unknown instruction ${id}`);
  if (instruction.region !== event.region) refuse(`instruction ${id} belongs to region ${instruction.region}`);
}

/** Adds stock of a lot at a depot to every stock figure derived from it. */
function credit({ s, event }: Ctx, lotId: string, category: string, depot: string, quantity: number): void {
  s.addLotStock.run(lotId, depot, quantity);
  s.addDepotStock.run(depot, category, quantity);
  s.addProvinceStock.run(event.region, category, quantity);
}

/** Removes stock of a lot at a depot, refusing more than is on hand; returns the lot's category. */
function debit(ctx: Ctx, lotId: string, depot: string, quantity: number): string {
  const lot = ctx.s.lot.get(lotId);
  if (!lot) refuse(`unknown lot ${lotId}`);
  const onHand = ctx.s.lotStock.get(lotId, depot)?.quantity ?? 0;
  if (quantity > onHand) refuse(`debit of ${quantity} from lot ${lotId} at ${depot} exceeds stock on hand ${onHand}`);
  ctx.s.debitLotStock.run(quantity, lotId, depot);
  ctx.s.debitDepotStock.run(quantity, depot, lot.category);
  ctx.s.debitProvinceStock.run(quantity, ctx.event.region, lot.category);
  return lot.category;
}

/** A discrepancy above this share of the book is critical rather than a warning. */
const CRITICAL_DISCREPANCY_SHARE = 0.05;

/** Stock that leaves the reserve for good (issued to relief use, or disposed of), under its instruction. */
function leaveReserve(ctx: Ctx, p: { lotId: string; depot: string; quantity: number }): void {
  requireInstruction(ctx);
  requireDepotInRegion(ctx, p.depot);
  const category = debit(ctx, p.lotId, p.depot, p.quantity);
  ctx.s.adjustLot.run(-p.quantity, 0, p.lotId);
  countAgainstInstruction(ctx.s, ctx.event, { direction: 'out', category, quantity: p.quantity, lotId: p.lotId, depot: p.depot });
}

const projections: { [T in SealedEvent['type']]: (ctx: Ctx, payload: PayloadOf<T>) => void } = {
  'region.declared': ({ s, event }, p) => {
    if (p.adcode !== event.region) refuse(`region.declared for ${p.adcode} in the log of ${event.region}`);
    s.upsertRegion.run(p);
  },
  'category.defined': ({ s }, p) => {
    s.upsertCategory.run(p);
  },
  'depot.registered': (ctx, p) => {
    if (ctx.s.depot.get(p.code)) refuse(`depot ${p.code} is already registered`);
    if (p.adcode.slice(0, 2) !== ctx.event.region.slice(0, 2)) refuse(`depot ${p.code} adcode ${p.adcode} is outside region ${ctx.event.region}`);
    ctx.s.insertDepot.run({ ...p, region: ctx.event.region, capacity: canonicalJson(p.capacity) });
  },
  'instruction.issued': ({ s, event }, p) => {
    if (s.instruction.get(p.id)) refuse(`instruction ${p.id} already exists`);
    s.insertInstruction.run({ ...p, region: event.region, lines: canonicalJson(p.lines), issuedAt: event.eventTime, seq: event.seq, parentId: p.parentId ?? null });
    recordInstructionLines(s, event.region, p);
  },
  'lot.intake': (ctx, p) => {
    requireInstruction(ctx);
    requireDepotInRegion(ctx, p.depot);
    if (!ctx.s.categoryExists.get(p.category)) refuse(`unknown category ${p.category}`);
    if (ctx.s.lot.get(p.lotId)) refuse(`lot ${p.lotId} already exists`);
    if (p.expiryDate < p.productionDate) refuse(`lot ${p.lotId} expires before it was produced`);
    ctx.s.insertLot.run({ ...p, region: ctx.event.region });
    credit(ctx, p.lotId, p.category, p.depot, p.quantity);
    countAgainstInstruction(ctx.s, ctx.event, { direction: 'in', category: p.category, quantity: p.quantity, lotId: p.lotId, depot: p.depot });
  },
  'stock.transfer-out': (ctx, p) => {
    requireInstruction(ctx);
    requireDepotInRegion(ctx, p.fromDepot);
    if (!ctx.s.depot.get(p.toDepot)) refuse(`unknown destination depot ${p.toDepot}`);
    if (p.fromDepot === p.toDepot) refuse(`transfer ${p.transferId} has the same source and destination`);
    if (ctx.s.transfer.get(p.transferId)) refuse(`transfer ${p.transferId} already exists`);
    const category = debit(ctx, p.lotId, p.fromDepot, p.quantity);
    ctx.s.adjustLot.run(-p.quantity, p.quantity, p.lotId);
    ctx.s.insertTransfer.run({ ...p, sentAt: ctx.event.eventTime });
    countAgainstInstruction(ctx.s, ctx.event, { direction: 'out', category, quantity: p.quantity, lotId: p.lotId, depot: p.fromDepot });
  },
  'stock.transfer-in': (ctx, p) => {
    requireInstruction(ctx);
    requireDepotInRegion(ctx, p.toDepot);
    const transfer = ctx.s.transfer.get(p.transferId);
    if (!transfer) refuse(`transfer-in for unknown transfer ${p.transferId}`);
    if (transfer.lot_id !== p.lotId) refuse(`transfer ${p.transferId} carries lot ${transfer.lot_id}, not ${p.lotId}`);
    if (transfer.to_depot !== p.toDepot) refuse(`transfer ${p.transferId} goes to ${transfer.to_depot}, not ${p.toDepot}`);
    const outstanding = transfer.quantity - transfer.received;
    if (p.quantity > outstanding) refuse(`transfer-in of ${p.quantity} exceeds the ${outstanding} still in transit`);
    const lot = ctx.s.lot.get(p.lotId);
    if (!lot) refuse(`unknown lot ${p.lotId}`);
    ctx.s.receiveTransfer.run(p.quantity, p.transferId);
    ctx.s.adjustLot.run(p.quantity, -p.quantity, p.lotId);
    credit(ctx, p.lotId, lot.category, p.toDepot, p.quantity);
  },
  'stock.issued': (ctx, p) => leaveReserve(ctx, p),
  'stock.inspected': (ctx, p) => {
    requireInstruction(ctx);
    requireDepotInRegion(ctx, p.depot);
    if (!ctx.s.lot.get(p.lotId)) refuse(`unknown lot ${p.lotId}`);
    // The book is what the log says is on hand at this moment, never a figure the counter brings.
    const book = ctx.s.lotStock.get(p.lotId, p.depot)?.quantity ?? 0;
    if (p.physicalCount === book) {
      clearDiscrepancies(ctx.s, ctx.event, p.lotId, p.depot);
      return;
    }
    const difference = p.physicalCount - book;
    raiseAlert(ctx.s, ctx.event, {
      kind: 'discrepancy',
      key: 'count',
      severity: Math.abs(difference) > CRITICAL_DISCREPANCY_SHARE * Math.max(book, 1) ? 'critical' : 'warning',
      depot: p.depot,
      lot: p.lotId,
      detail: { book, physical: p.physicalCount, difference },
    });
  },
  'stock.rotated': (ctx, p) => {
    requireInstruction(ctx);
    requireDepotInRegion(ctx, p.depot);
    const n = p.newLot;
    const old = ctx.s.lot.get(p.lotId);
    if (!old) refuse(`unknown lot ${p.lotId}`);
    if (n.category !== old.category) refuse(`rotation replaces lot ${p.lotId} (${old.category}) with a lot of ${n.category}`);
    if (ctx.s.lot.get(n.lotId)) refuse(`lot ${n.lotId} already exists`);
    if (n.expiryDate < n.productionDate) refuse(`lot ${n.lotId} expires before it was produced`);
    debit(ctx, p.lotId, p.depot, p.quantity);
    ctx.s.adjustLot.run(-p.quantity, 0, p.lotId);
    ctx.s.insertLot.run({ ...n, depot: p.depot, region: ctx.event.region });
    credit(ctx, n.lotId, n.category, p.depot, n.quantity);
    countAgainstInstruction(ctx.s, ctx.event, { direction: 'out', category: old.category, quantity: p.quantity, lotId: p.lotId, depot: p.depot });
    countAgainstInstruction(ctx.s, ctx.event, { direction: 'in', category: n.category, quantity: n.quantity, lotId: n.lotId, depot: p.depot });
  },
  'stock.disposed': (ctx, p) => leaveReserve(ctx, p),
  'event.corrected': (ctx, p) => {
    const { s, event } = ctx;
    for (const ref of p.corrects) {
      if (ref.seq >= event.seq) refuse(`a correction names only earlier events, not seq ${ref.seq}`);
      // Events before a snapshot are not held here; the server that sealed this one checked them.
      const stored = s.storedId.get(event.region, ref.seq);
      if (stored && stored.id !== ref.id) refuse(`correction names seq ${ref.seq} as ${ref.id.slice(0, 12)}…, but the log holds ${stored.id.slice(0, 12)}… there`);
      clearAlertsRaisedBy(s, event, ref.seq);
    }
    const a = p.adjustment;
    if (!a) return;
    requireInstruction(ctx);
    requireDepotInRegion(ctx, a.depot);
    const lot = s.lot.get(a.lotId);
    if (!lot) refuse(`unknown lot ${a.lotId}`);
    if (a.quantity > 0) credit(ctx, a.lotId, lot.category, a.depot, a.quantity);
    else debit(ctx, a.lotId, a.depot, -a.quantity);
    s.adjustLot.run(a.quantity, 0, a.lotId);
  },
  ...emergencyProjections,
};

/** Folds one event into the projected tables, or throws a Refusal naming the rule. */
export function projectEvent(s: ProjectorStatements, event: SealedEvent): void {
  const project = projections[event.type] as (ctx: Ctx, payload: unknown) => void;
  project({ s, event }, event.payload);
}
