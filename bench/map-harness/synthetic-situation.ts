import type { Situation } from '../../src/shared/contract/situation-schemas';
import { RISK_BANDS } from '../../src/shared/contract/situation-schemas';

interface LabelPoint {
  adcode: string;
  name: string;
  lon: number;
  lat: number;
}

/** Deterministic pseudo-random numbers (mulberry32): the same page draws the same map every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A synthetic situation of `depots` points spread around the province label points, for benchmarks. */
export function syntheticSituation(points: readonly LabelPoint[], depots: number, seed = 7): Situation {
  const rand = prng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() || 1e-9)) * Math.cos(2 * Math.PI * rand());
  const mainland = points.filter((p) => !['710000', '810000', '820000'].includes(p.adcode));
  const provinces = mainland.map((p, i) => {
    const riskIndex = Math.round(((i * 37) % 100) * 10) / 10;
    return {
      adcode: p.adcode,
      nameZh: p.name,
      nameEn: p.name,
      emergencyLevel: 'normal' as const,
      riskIndex,
      riskBand: RISK_BANDS[Math.min(4, Math.floor(riskIndex / 20))]!,
      planCompletion: 0.4 + ((i * 13) % 70) / 100,
      expiring90Share: 0.1,
      openAlerts: 3,
      depots: 0,
      depotsUnderFloor: 0,
      lots: 0,
      centroid: [p.lon, p.lat] as [number, number],
    };
  });
  const depotRows: Situation['depots'] = new Array(depots);
  for (let i = 0; i < depots; i++) {
    const p = mainland[Math.floor(rand() * mainland.length)]!;
    depotRows[i] = {
      code: `D${i}`,
      nameZh: `库点${i}`,
      nameEn: `Depot ${i}`,
      region: p.adcode,
      lon: p.lon + gauss() * 1.2,
      lat: p.lat + gauss() * 0.9,
      operatorKind: 'national',
      planCompletion: 0.3 + rand() * 0.9,
      fill: rand() * 1.2,
      underFloor: rand() < 0.1,
    };
  }
  const transfers: Situation['transfers'] = [];
  for (let i = 0; i < Math.min(200, depots / 2); i++) {
    const a = depotRows[Math.floor(rand() * depots)]!;
    const b = depotRows[Math.floor(rand() * depots)]!;
    transfers.push({ transferId: `T${i}`, lotId: `L${i}`, category: 'grain', quantity: 1 + Math.floor(rand() * 5000), fromDepot: a.code, toDepot: b.code, from: [a.lon, a.lat], to: [b.lon, b.lat], sentAt: '2026-01-01T00:00:00Z' });
  }
  const alerts: Situation['alerts'] = [];
  for (let i = 0; i < Math.min(2000, depots / 5); i++) {
    const d = depotRows[Math.floor(rand() * depots)]!;
    alerts.push({ id: `A${i}`, kind: 'under-floor', severity: (['info', 'warning', 'critical'] as const)[i % 3]!, region: d.region, depot: d.code, class: 'grain', category: null, lon: d.lon, lat: d.lat, raisedAt: '2026-01-01T00:00:00Z' });
  }
  return { dataVersion: `synthetic-${depots}-${seed}`, asOf: null, provinces, depots: depotRows, transfers, alerts };
}

/** The demo basemap's label points, from the server root: the pages under /no-basemap/ have an empty basemap. */
export async function loadLabelPoints(): Promise<LabelPoint[]> {
  const response = await fetch(new URL('/basemap/province-labels.geojson', window.location.href));
  const json = (await response.json()) as { features: { properties: { adcode: string; name: string }; geometry: { coordinates: [number, number] } }[] };
  return json.features.map((f) => ({ adcode: f.properties.adcode, name: f.properties.name, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
}
