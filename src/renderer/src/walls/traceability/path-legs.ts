import type { LotTrace, ProvinceRisk, Situation, TransferArc } from '../../../../shared/contract';

type Place = NonNullable<LotTrace['places']>[number];

/** The lot's journeys between depots: one leg per transfer sent, in log order. */
export function pathLegs(trace: LotTrace): TransferArc[] {
  const at = new Map((trace.places ?? []).map((p) => [p.code, p]));
  const legs: TransferArc[] = [];
  for (const e of trace.events) {
    if (e.type !== 'stock.transfer-out' || !e.fromDepot || !e.toDepot) continue;
    const from = at.get(e.fromDepot);
    const to = at.get(e.toDepot);
    if (!from || !to) continue;
    legs.push({
      transferId: String(e.payload.transferId ?? `${e.region}:${e.seq}`),
      lotId: trace.lot.lotId,
      category: trace.lot.category,
      quantity: Math.max(1, Math.round(e.quantity ?? 1)),
      fromDepot: from.code,
      toDepot: to.code,
      region: from.region,
      from: [from.lon, from.lat],
      to: [to.lon, to.lat],
      sentAt: e.eventTime,
    });
  }
  return legs;
}

const depotPoint = (p: Place): Situation['depots'][number] => ({
  code: p.code,
  nameZh: p.nameZh,
  nameEn: p.nameEn,
  region: p.region,
  lon: p.lon,
  lat: p.lat,
  operatorKind: 'national',
  planCompletion: null,
  fill: 0.5,
  underFloor: false,
});

/**
 * What the national map draws for one lot: only the depots it passed through and its legs as
 * arcs, over the current provinces (so the basemap keeps its colours and labels).
 */
export function traceSituation(trace: LotTrace, provinces: readonly ProvinceRisk[]): Situation {
  const legs = pathLegs(trace);
  return {
    dataVersion: `trace:${trace.lot.lotId}:${trace.events.length}:${trace.events.at(-1)?.hash ?? ''}`,
    asOf: trace.events.at(-1)?.eventTime ?? null,
    provinces: [...provinces],
    depots: (trace.places ?? []).map(depotPoint),
    transfers: legs,
    alerts: [],
  };
}
