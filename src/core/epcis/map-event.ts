import type { EventType, PayloadOf } from '../../shared/domain/events';
import {
  EVENT_TIME_ZONE_OFFSET,
  bizTransactionType,
  depotUri,
  eventIdOf,
  instructionUri,
  lotClassUri,
  recipientUri,
  uomOf,
} from './vocabulary';

/** A stored event as the export reads it. */
export interface SourceEvent {
  region: string;
  seq: number;
  id: string;
  type: string;
  eventTime: string;
  recordTime: string;
  actor: { subject: string; role: string };
  instructionId: string | null;
  payload: Record<string, unknown>;
}

export interface EpcisLookups {
  /** Category and unit of a lot (a rotation's new lot is looked up the same way). */
  lot(lotId: string): { category: string; unitEn: string | null } | null;
  instructionKind(id: string): string | null;
  transferSource(transferId: string): string | null;
  eventAt(region: string, seq: number): SourceEvent | null;
}

type Json = Record<string, unknown>;
const as = <T extends EventType>(p: Json) => p as unknown as PayloadOf<T>;

function quantity(lk: EpcisLookups, lotId: string, qty: number): Json {
  const lot = lk.lot(lotId);
  return { epcClass: lotClassUri(lot?.category ?? 'unknown', lotId), quantity: qty, uom: uomOf(lot?.unitEn ?? null) };
}

function ilmd(p: { lotId: string; category: string; productionDate: string; expiryDate: string; grade: string; origin: string }): Json {
  return {
    'cbvmda:lotNumber': p.lotId,
    'cbvmda:itemExpirationDate': p.expiryDate,
    'inrs:productionDate': p.productionDate,
    'inrs:grade': p.grade,
    'inrs:origin': p.origin,
    'inrs:category': p.category,
  };
}

const at = (depot: string) => ({ readPoint: { id: depotUri(depot) }, bizLocation: { id: depotUri(depot) } });
const location = (depot: string) => ({ type: 'location', source: depotUri(depot) });
const toLocation = (depot: string) => ({ type: 'location', destination: depotUri(depot) });

/** Fields every exported event carries: when, its id, and who recorded it where in which log. */
function common(e: SourceEvent, lk: EpcisLookups, type: 'ObjectEvent' | 'TransformationEvent'): Json {
  const kind = e.instructionId ? lk.instructionKind(e.instructionId) : null;
  return {
    type,
    eventTime: e.eventTime,
    eventTimeZoneOffset: EVENT_TIME_ZONE_OFFSET,
    recordTime: e.recordTime,
    eventID: eventIdOf(e.id),
    ...(e.instructionId ? { bizTransactionList: [{ type: bizTransactionType(kind), bizTransaction: instructionUri(e.instructionId) }] } : {}),
    'inrs:region': e.region,
    'inrs:seq': e.seq,
    'inrs:actor': e.actor.subject,
    'inrs:role': e.actor.role,
  };
}

/** One stored movement as EPCIS events (a correction also re-declares the events it corrects). */
export function toEpcisEvents(e: SourceEvent, lk: EpcisLookups): Json[] {
  const p = e.payload;
  switch (e.type) {
    case 'lot.intake': {
      const q = as<'lot.intake'>(p);
      return [{ ...common(e, lk, 'ObjectEvent'), action: 'ADD', bizStep: 'commissioning', disposition: 'active', ...at(q.depot), quantityList: [quantity(lk, q.lotId, q.quantity)], ilmd: ilmd(q) }];
    }
    case 'stock.transfer-out': {
      const q = as<'stock.transfer-out'>(p);
      return [
        {
          ...common(e, lk, 'ObjectEvent'),
          action: 'OBSERVE',
          bizStep: 'shipping',
          disposition: 'in_transit',
          readPoint: { id: depotUri(q.fromDepot) },
          quantityList: [quantity(lk, q.lotId, q.quantity)],
          sourceList: [location(q.fromDepot)],
          destinationList: [toLocation(q.toDepot)],
          'inrs:transferId': q.transferId,
        },
      ];
    }
    case 'stock.transfer-in': {
      const q = as<'stock.transfer-in'>(p);
      const from = lk.transferSource(q.transferId);
      return [
        {
          ...common(e, lk, 'ObjectEvent'),
          action: 'OBSERVE',
          bizStep: 'receiving',
          disposition: 'in_progress',
          ...at(q.toDepot),
          quantityList: [quantity(lk, q.lotId, q.quantity)],
          ...(from ? { sourceList: [location(from)] } : {}),
          destinationList: [toLocation(q.toDepot)],
          'inrs:transferId': q.transferId,
        },
      ];
    }
    case 'stock.issued': {
      const q = as<'stock.issued'>(p);
      return [
        {
          ...common(e, lk, 'ObjectEvent'),
          action: 'OBSERVE',
          bizStep: 'shipping',
          disposition: 'in_transit',
          readPoint: { id: depotUri(q.depot) },
          quantityList: [quantity(lk, q.lotId, q.quantity)],
          sourceList: [location(q.depot)],
          destinationList: [{ type: 'owning_party', destination: recipientUri(q.recipient) }],
          'inrs:recipient': q.recipient,
        },
      ];
    }
    case 'stock.inspected': {
      const q = as<'stock.inspected'>(p);
      return [
        {
          ...common(e, lk, 'ObjectEvent'),
          action: 'OBSERVE',
          bizStep: 'inspecting',
          disposition: q.quality === 'pass' ? 'conformant' : 'non_conformant',
          ...at(q.depot),
          quantityList: [quantity(lk, q.lotId, q.physicalCount)],
          'inrs:physicalCount': q.physicalCount,
          'inrs:quality': q.quality,
          ...(q.note ? { 'inrs:note': q.note } : {}),
        },
      ];
    }
    case 'stock.rotated': {
      const q = as<'stock.rotated'>(p);
      const unit = lk.lot(q.lotId)?.unitEn ?? null;
      return [
        {
          ...common(e, lk, 'TransformationEvent'),
          inputQuantityList: [quantity(lk, q.lotId, q.quantity)],
          outputQuantityList: [{ epcClass: lotClassUri(q.newLot.category, q.newLot.lotId), quantity: q.newLot.quantity, uom: uomOf(unit) }],
          bizStep: 'replacing',
          disposition: 'active',
          ...at(q.depot),
          ilmd: ilmd(q.newLot),
          'inrs:reason': q.reason,
        },
      ];
    }
    case 'stock.disposed': {
      const q = as<'stock.disposed'>(p);
      return [
        {
          ...common(e, lk, 'ObjectEvent'),
          action: 'DELETE',
          bizStep: 'destroying',
          disposition: 'destroyed',
          ...at(q.depot),
          quantityList: [quantity(lk, q.lotId, q.quantity)],
          'inrs:reason': q.reason,
          ...(q.note ? { 'inrs:note': q.note } : {}),
        },
      ];
    }
    case 'event.corrected':
      return correction(e, lk);
    default:
      return [];
  }
}

/**
 * EPCIS error declaration: each corrected event is restated with its own eventID plus an
 * errorDeclaration naming the compensating event, which is exported as a stock adjustment.
 */
function correction(e: SourceEvent, lk: EpcisLookups): Json[] {
  const q = as<'event.corrected'>(e.payload);
  const out: Json[] = [];
  const a = q.adjustment;
  if (a) {
    out.push({
      ...common(e, lk, 'ObjectEvent'),
      action: 'OBSERVE',
      bizStep: 'stock_taking',
      ...at(a.depot),
      quantityList: [quantity(lk, a.lotId, Math.abs(a.quantity))],
      'inrs:adjustment': a.quantity,
      'inrs:reason': q.reason,
      'inrs:corrects': q.corrects.map((c) => eventIdOf(c.id)),
    });
  }
  for (const ref of q.corrects) {
    const original = lk.eventAt(e.region, ref.seq);
    if (!original) continue;
    for (const restated of toEpcisEvents(original, lk)) {
      out.push({
        ...restated,
        errorDeclaration: {
          declarationTime: e.eventTime,
          reason: 'incorrect_data',
          ...(a ? { correctiveEventIDs: [eventIdOf(e.id)] } : {}),
          'inrs:reason': q.reason,
        },
      });
    }
  }
  return out;
}
