import type { Situation, SituationFilter } from '../../../shared/contract/situation-schemas';

/** A small situation for unit tests: two provinces, three depots, one transfer, two alerts. */
export function fixtureSituation(dataVersion = 'v1'): Situation {
  const province = (adcode: string, nameZh: string, nameEn: string, riskIndex: number, band: Situation['provinces'][number]['riskBand'], centroid: [number, number]) => ({
    adcode,
    nameZh,
    nameEn,
    emergencyLevel: 'normal' as const,
    riskIndex,
    riskBand: band,
    planCompletion: 0.85,
    expiring90Share: 0.1,
    openAlerts: 1,
    depots: 2,
    depotsUnderFloor: 0,
    lots: 10,
    centroid,
  });
  const depot = (code: string, region: string, lon: number, lat: number, planCompletion: number, fill: number) => ({
    code,
    nameZh: `库${code}`,
    nameEn: `Depot ${code}`,
    region,
    lon,
    lat,
    operatorKind: 'national',
    planCompletion,
    fill,
    underFloor: planCompletion < 0.5,
  });
  return {
    dataVersion,
    asOf: '2026-01-01T00:00:00Z',
    provinces: [province('430000', '湖南省', 'Hunan', 72, 'high', [111.7, 27.6]), province('110000', '北京市', 'Beijing', 10, 'low', [116.4, 39.9])],
    depots: [depot('HN1', '430000', 112.9, 28.2, 0.3, 0.2), depot('HN2', '430000', 111.0, 27.0, 1.1, 1.0), depot('BJ1', '110000', 116.4, 39.9, 0.7, 2)],
    transfers: [
      { transferId: 't1', lotId: 'l1', category: 'rice', quantity: 1000, fromDepot: 'HN1', toDepot: 'HN2', from: [112.9, 28.2], to: [111.0, 27.0], sentAt: '2026-01-01T00:00:00Z' },
    ],
    alerts: [
      { id: 'a1', kind: 'under-floor', severity: 'critical', region: '430000', depot: 'HN1', class: 'grain', category: null, lon: 112.9, lat: 28.2, raisedAt: '2026-01-01T00:00:00Z' },
      { id: 'a2', kind: 'expiring', severity: 'info', region: '110000', depot: 'BJ1', class: 'grain', category: 'GR-RICE', lon: 116.4, lat: 39.9, raisedAt: '2026-01-01T00:00:00Z' },
    ],
  };
}

export const noFilter = (): SituationFilter => ({ classes: [], categories: [], regions: [], riskBands: [] });
