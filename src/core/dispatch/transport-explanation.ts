import type { TransportExplanation } from '../../shared/contract/dispatch-schemas';
import type { CivilianTransportRow } from '../replica/dispatch-queries';
import { haversineKm } from './geo';
import type { DispatchTransport, DispatchTransportUse } from './problem';
import { transportUse } from './transport-limited';

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/**
 * What the plan loads against what the lorries can carry, and which civilian units carry the
 * part the state's fleet cannot: the units nearest the affected areas first, each up to its
 * tonnes a day over the delivery days. `solved` is the solver's own load (before whole units):
 * the limit binds when it reached every tonne the fleet and the units allowed.
 */
export function explainTransport(
  limit: DispatchTransport,
  days: number,
  flows: readonly { category: string; quantity: number }[],
  solved: DispatchTransportUse | undefined,
  units: readonly CivilianTransportRow[],
  areas: readonly { lon: number; lat: number }[],
): TransportExplanation {
  const loaded = transportUse(flows, limit);
  const civilian = Math.min(limit.civilianTonnes, loaded.civilianTonnes);
  const capacity = limit.tonnes + limit.civilianTonnes;
  const nearest = (u: CivilianTransportRow) => Math.min(...areas.map((a) => haversineKm(u.lon, u.lat, a.lon, a.lat)));
  let left = civilian;
  const called = limit.civilianTonnes > 0 ? [...units].sort((a, b) => nearest(a) - nearest(b) || (a.resourceId < b.resourceId ? -1 : 1)) : [];
  const used = called.flatMap((u) => {
    const tonnes = Math.min(left, u.tonnesPerDay * days);
    left -= tonnes;
    return tonnes > 1e-9 ? [{ resourceId: u.resourceId, name: u.name, region: u.region, holder: u.owner, tonnesPerDay: u.tonnesPerDay, tonnes: round3(tonnes) }] : [];
  });
  return {
    stateTonnes: round3(limit.tonnes),
    civilianAvailableTonnes: round3(limit.civilianTonnes),
    loadedTonnes: round3(loaded.tonnes),
    civilianTonnes: round3(civilian),
    binding: solved !== undefined && solved.tonnes >= capacity - 1e-6 * Math.max(1, capacity),
    units: used,
    days,
  };
}
