import type { PayloadOf, SealedEvent } from '../../shared/domain/events';
import { canonicalJson } from '../../shared/domain/canonical';
import { clearAlertsRaisedBy, clearDiscrepancies, raiseAlert } from './alerts';
import { countAgainstInstruction, recordInstructionLines } from './instruction-usage';
import { alertRuleProjections } from './project-alert-rules';
import { emergencyProjections } from './project-emergency';
import { registryProjections } from './project-registry';
import type { BatchState } from './batch-state';
import type { ProjectorStatements } from './statements';

import { refuse, type Ctx } from './refusal';
export { Refusal } from './refusal';

function requireDepotInRegion({ b, event }: Ctx, code: string): void {
  const region = b.depotRegion(code);
  if (region === null) refuse(`unknown depot ${code}`);
  if (region !== event.region) refuse(`depot ${code} belongs to region ${region}`);
}

function requireInstruction({ b, event }: Ctx): void {
  const id = event.instructionId;
  if (!id) refuse(`${event.type} without an instruction`);
  const region = b.instructionRegion(id);
  if (region === null) refuse(`unknown instruction ${id}`);
  if (region !== event.region) refuse(`instruction ${id} belongs to region ${region}`);
}

/** Adds stock of a lot at a depot to every stock figure derived from it. */
function credit({ b, event }: Ctx, lotId: string, category: string, depot: string, quantity: number): void {
  b.addStock('lot', lotId, depot, quantity);
  b.addStock('depot', depot, category, quantity);
  b.addStock('province', event.region, category, quantity);
}

/** Removes stock of a lot at a depot, refusing more than is on hand; returns the lot's category. */
function debit({ b, event }: Ctx, lotId: string, depot: string, quantity: number): string {
  const lot = b.lot(lotId);
  if (!lot) refuse(`unknown lot ${lotId}`);
  const onHand = b.lotStock(lotId, depot);
  if (quantity > onHand) refuse(`debit of ${quantity} from lot ${lotId} at ${depot} exceeds stock on hand ${onHand}`);
  b.subtractStock('lot', lotId, depot, quantity);
  b.subtractStock('depot', depot, lot.category, quantity);
  b.subtractStock('province', event.region, lot.category, quantity);
  return lot.category;
}

/** A discrepancy above this share of the book is critical rather than a warning. */
const CRITICAL_DISCREPANCY_SHARE = 0.05;

/** Stock that leaves the reserve for good (issued to relief use, or disposed of), under its instruction. */
function leaveReserve(ctx: Ctx, p: { lotId: string; depot: string; quantity: number }): void {
  requireInstruction(ctx);
  requireDepotInRegion(ctx, p.depot);
  const category = debit(ctx, p.lotId, p.depot, p.quantity);
  ctx.b.adjustLot(p.lotId, -p.quantity, 0);
  countAgainstInstruction(ctx, { direction: 'out', category, quantity: p.quantity, lotId: p.lotId, depot: p.depot });
}

const projections: { [T in SealedEvent['type']]: (ctx: Ctx, payload: PayloadOf<T>) => void } = {
  'region.declared': ({ s, event }, p) => {
    if (p.adcode !== event.region) refuse(`region.declared for ${p.adcode} in the log of ${event.region}`);
    s.upsertRegion.run(p);
  },
  'category.defined': ({ b }, p) => {
    b.upsertCategory(p);
  },
  'depot.registered': (ctx, p) => {
    if (ctx.b.depotRegion(p.code) !== null) refuse(`depot ${p.code} is already registered`);
    if (p.adcode.slice(0, 2) !== ctx.event.region.slice(0, 2)) refuse(`depot ${p.code} adcode ${p.adcode} is outside region ${ctx.event.region}`);
    ctx.b.insertDepot({ ...p, region: ctx.event.region, capacity: canonicalJson(p.capacity), planned: canonicalJson(p.planned ?? {}) });
  },
  'instruction.issued': ({ b, event }, p) => {
    if (b.instructionRegion(p.id) !== null) refuse(`instruction ${p.id} already exists`);
    b.insertInstruction({ ...p, region: event.region, lines: canonicalJson(p.lines), issuedAt: event.eventTime, seq: event.seq, parentId: p.parentId ?? null });
    recordInstructionLines(b, event.region, p);
  },
  'lot.intake': (ctx, p) => {
    requireInstruction(ctx);
    requireDepotInRegion(ctx, p.depot);
    if (!ctx.b.categoryExists(p.category)) refuse(`unknown category ${p.category}`);
    if (ctx.b.lot(p.lotId)) refuse(`lot ${p.lotId} already exists`);
    if (p.expiryDate < p.productionDate) refuse(`lot ${p.lotId} expires before it was produced`);
    ctx.b.insertLot({ ...p, region: ctx.event.region });
    credit(ctx, p.lotId, p.category, p.depot, p.quantity);
    countAgainstInstruction(ctx, { direction: 'in', category: p.category, quantity: p.quantity, lotId: p.lotId, depot: p.depot });
  },
  'stock.transfer-out': (ctx, p) => {
    requireInstruction(ctx);
    requireDepotInRegion(ctx, p.fromDepot);
    if (ctx.b.depotRegion(p.toDepot) === null) refuse(`unknown destination depot ${p.toDepot}`);
    if (p.fromDepot === p.toDepot) refuse(`transfer ${p.transferId} has the same source and destination`);
    if (ctx.b.transfer(p.transferId)) refuse(`transfer ${p.transferId} already exists`);
    const category = debit(ctx, p.lotId, p.fromDepot, p.quantity);
    ctx.b.adjustLot(p.lotId, -p.quantity, p.quantity);
    ctx.b.insertTransfer({ ...p, category, sentAt: ctx.event.eventTime });
    countAgainstInstruction(ctx, { direction: 'out', category, quantity: p.quantity, lotId: p.lotId, depot: p.fromDepot });
  },
  'stock.transfer-in': (ctx, p) => {
    requireInstruction(ctx);
    requireDepotInRegion(ctx, p.toDepot);
    const transfer = ctx.b.transfer(p.transferId);
    if (!transfer) refuse(`transfer-in for unknown transfer ${p.transferId}`);
    if (transfer.lotId !== p.lotId) refuse(`transfer ${p.transferId} carries lot ${transfer.lotId}, not ${p.lotId}`);
    if (transfer.toDepot !== p.toDepot) refuse(`transfer ${p.transferId} goes to ${transfer.toDepot}, not ${p.toDepot}`);
    const outstanding = transfer.quantity - transfer.received;
    if (p.quantity > outstanding) refuse(`transfer-in of ${p.quantity} exceeds the ${outstanding} still in transit`);
    const lot = ctx.b.lot(p.lotId);
    if (!lot) refuse(`unknown lot ${p.lotId}`);
    ctx.b.receiveTransfer(p.transferId, p.quantity);
    ctx.b.adjustLot(p.lotId, p.quantity, -p.quantity);
    credit(ctx, p.lotId, lot.category, p.toDepot, p.quantity);
  },
  'stock.issued': (ctx, p) => leaveReserve(ctx, p),
  'stock.inspected': (ctx, p) => {
    requireInstruction(ctx);
    requireDepotInRegion(ctx, p.depot);
    const lot = ctx.b.lot(p.lotId);
    if (!lot) refuse(`unknown lot ${p.lotId}`);
    ctx.b.countedAt(p.depot, lot.category);
    // The book is what the log says is on hand at this moment, never a figure the counter brings.
    const book = ctx.b.lotStock(p.lotId, p.depot);
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
    const old = ctx.b.lot(p.lotId);
    if (!old) refuse(`unknown lot ${p.lotId}`);
    if (n.category !== old.category) refuse(`rotation replaces lot ${p.lotId} (${old.category}) with a lot of ${n.category}`);
    if (ctx.b.lot(n.lotId)) refuse(`lot ${n.lotId} already exists`);
    if (n.expiryDate < n.productionDate) refuse(`lot ${n.lotId} expires before it was produced`);
    debit(ctx, p.lotId, p.depot, p.quantity);
    ctx.b.adjustLot(p.lotId, -p.quantity, 0);
    ctx.b.insertLot({ ...n, depot: p.depot, region: ctx.event.region });
    credit(ctx, n.lotId, n.category, p.depot, n.quantity);
    countAgainstInstruction(ctx, { direction: 'out', category: old.category, quantity: p.quantity, lotId: p.lotId, depot: p.depot });
    countAgainstInstruction(ctx, { direction: 'in', category: n.category, quantity: n.quantity, lotId: n.lotId, depot: p.depot });
  },
  'stock.disposed': (ctx, p) => leaveReserve(ctx, p),
  'event.corrected': (ctx, p) => {
    const { s, b, event } = ctx;
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
    const lot = b.lot(a.lotId);
    if (!lot) refuse(`unknown lot ${a.lotId}`);
    if (a.quantity > 0) credit(ctx, a.lotId, lot.category, a.depot, a.quantity);
    else debit(ctx, a.lotId, a.depot, -a.quantity);
    b.adjustLot(a.lotId, a.quantity, 0);
  },
  ...emergencyProjections,
  ...alertRuleProjections,
  ...registryProjections,
};

/** Folds one event into the projected tables, or throws a Refusal naming the rule. */
export function projectEvent(s: ProjectorStatements, b: BatchState, event: SealedEvent): void {
  const project = projections[event.type] as (ctx: Ctx, payload: unknown) => void;
  project({ s, b, event }, event.payload);
}
