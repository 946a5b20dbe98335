import { EMPTY_HEAD, sealEvent, type ChainHead } from '../../src/core/chain/seal';
import type { EventDraft, SealedEvent } from '../../src/shared/domain/events';

export const REGION = '430000';
const officer = { subject: 'CN=王芳,OU=430000', role: 'duty-officer' } as const;
const operator = { subject: 'CN=李强,OU=430100-D001', role: 'depot-operator' } as const;

/** A small hand-written Hunan log: region, category, two depots, an instruction, lots and movements. */
export function smallDrafts(): EventDraft[] {
  const t = (day: number) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString();
  return [
    { region: REGION, type: 'region.declared', eventTime: t(0), actor: officer, instructionId: null, payload: { adcode: REGION, nameZh: '湖南省', nameEn: 'Hunan', level: 'province' } },
    {
      region: REGION, type: 'category.defined', eventTime: t(0), actor: officer, instructionId: null,
      payload: { code: 'GR-RICE', nameZh: '稻谷', nameEn: 'Paddy rice', unit: '吨', unitEn: 't', class: 'grain', shelfLifeDays: 1095, perCapitaDaily: 0.0005, safetyFloorShare: 0.3 },
    },
    {
      region: REGION, type: 'depot.registered', eventTime: t(1), actor: officer, instructionId: null,
      payload: { code: '430100-D001', nameZh: '长沙第1储备库', nameEn: 'Changsha Reserve Depot 1', adcode: '430100', lon: 112.98, lat: 28.2, operatorKind: 'national', capacity: { grain: 50000 } },
    },
    {
      region: REGION, type: 'depot.registered', eventTime: t(1), actor: officer, instructionId: null,
      payload: { code: '430200-D001', nameZh: '株洲第1储备库', nameEn: 'Zhuzhou Reserve Depot 1', adcode: '430200', lon: 113.13, lat: 27.83, operatorKind: 'provincial', capacity: { grain: 30000 } },
    },
    {
      region: REGION, type: 'instruction.issued', eventTime: t(2), actor: officer, instructionId: null,
      payload: { id: 'I-430000-0001', kind: 'procurement', level: 'province', issuer: officer.subject, lines: [{ category: 'GR-RICE', quantity: 1000, toDepot: '430100-D001' }] },
    },
    {
      region: REGION, type: 'lot.intake', eventTime: t(3), actor: operator, instructionId: 'I-430000-0001',
      payload: { lotId: 'L430000-000001', depot: '430100-D001', category: 'GR-RICE', quantity: 1000, productionDate: '2025-12-01', expiryDate: '2028-12-01', grade: 'A', origin: '湖南益阳' },
    },
    {
      region: REGION, type: 'stock.transfer-out', eventTime: t(4), actor: operator, instructionId: 'I-430000-0001',
      payload: { transferId: 'T-1', lotId: 'L430000-000001', fromDepot: '430100-D001', toDepot: '430200-D001', quantity: 300 },
    },
    {
      region: REGION, type: 'stock.transfer-in', eventTime: t(6), actor: operator, instructionId: 'I-430000-0001',
      payload: { transferId: 'T-1', lotId: 'L430000-000001', toDepot: '430200-D001', quantity: 300 },
    },
    {
      region: REGION, type: 'stock.issued', eventTime: t(7), actor: operator, instructionId: 'I-430000-0001',
      payload: { lotId: 'L430000-000001', depot: '430100-D001', quantity: 200, recipient: '长沙市应急管理局' },
    },
  ];
}

export function sealAll(drafts: readonly EventDraft[], head: ChainHead = EMPTY_HEAD): SealedEvent[] {
  const out: SealedEvent[] = [];
  for (const draft of drafts) {
    const sealed = sealEvent(draft, head, draft.eventTime);
    out.push(sealed);
    head = { seq: sealed.seq, hash: sealed.hash };
  }
  return out;
}
