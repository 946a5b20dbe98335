import type { EventDraft, PayloadOf } from '../../../src/shared/domain/events';
import { REGION, smallDrafts } from '../../helpers/small-log';

/** Builders of lifecycle drafts for the small Hunan log (two depots, one rice instruction). */
export const D1 = '430100-D001';
export const D2 = '430200-D001';
export const LOT = 'L430000-000001';
export const INSTRUCTION = 'I-430000-0001';
const operator = { subject: 'CN=李强,OU=430100-D001', role: 'depot-operator' } as const;
const officer = { subject: 'CN=王芳,OU=430000', role: 'duty-officer' } as const;
let clock = Date.UTC(2026, 1, 1);

function draft<T extends EventDraft['type']>(type: T, payload: PayloadOf<T>, instructionId: string | null = INSTRUCTION): EventDraft {
  clock += 3_600_000;
  const actor = type === 'instruction.issued' ? officer : operator;
  return { region: REGION, type, eventTime: new Date(clock).toISOString(), actor, instructionId, payload } as EventDraft;
}

/** The small log up to its intake: region, category, depots, instruction, lot of 1000 at D1. */
export const baseDrafts = (): EventDraft[] => smallDrafts().slice(0, 6);

export const instruction = (id: string, kind: PayloadOf<'instruction.issued'>['kind'], lines: PayloadOf<'instruction.issued'>['lines']) =>
  draft('instruction.issued', { id, kind, level: 'province', issuer: officer.subject, lines }, null);
export const intake = (lotId: string, depot: string, quantity: number, instructionId = INSTRUCTION) =>
  draft('lot.intake', { lotId, depot, category: 'GR-RICE', quantity, productionDate: '2026-01-01', expiryDate: '2028-01-01', grade: 'A', origin: '湖南' }, instructionId);
export const issue = (lotId: string, depot: string, quantity: number, instructionId = INSTRUCTION) =>
  draft('stock.issued', { lotId, depot, quantity, recipient: '应急管理局' }, instructionId);
export const transferOut = (transferId: string, lotId: string, fromDepot: string, toDepot: string, quantity: number, instructionId = INSTRUCTION) =>
  draft('stock.transfer-out', { transferId, lotId, fromDepot, toDepot, quantity }, instructionId);
export const transferIn = (transferId: string, lotId: string, toDepot: string, quantity: number, instructionId = INSTRUCTION) =>
  draft('stock.transfer-in', { transferId, lotId, toDepot, quantity }, instructionId);
export const inspect = (lotId: string, depot: string, physicalCount: number, quality: 'pass' | 'fail' = 'pass', instructionId = INSTRUCTION) =>
  draft('stock.inspected', { lotId, depot, physicalCount, quality }, instructionId);
export const rotate = (lotId: string, depot: string, quantity: number, newLotId: string, newQuantity: number, category = 'GR-RICE', instructionId = INSTRUCTION) =>
  draft(
    'stock.rotated',
    { lotId, depot, quantity, reason: '轮换', newLot: { lotId: newLotId, category, quantity: newQuantity, productionDate: '2026-02-01', expiryDate: '2029-02-01', grade: 'A', origin: '湖南' } },
    instructionId,
  );
export const dispose = (lotId: string, depot: string, quantity: number, reason: 'expired' | 'failed-inspection' | 'damaged' = 'expired', instructionId = INSTRUCTION) =>
  draft('stock.disposed', { lotId, depot, quantity, reason }, instructionId);
export const correct = (
  corrects: { seq: number; id: string }[],
  adjustment?: { lotId: string; depot: string; quantity: number },
  instructionId: string | null = INSTRUCTION,
) => draft('event.corrected', { corrects, reason: '更正', ...(adjustment ? { adjustment } : {}) }, instructionId);
