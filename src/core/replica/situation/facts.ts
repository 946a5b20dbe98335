import type { AlertPoint, DepotPoint, ProvinceRisk, TransferArc } from '../../../shared/contract/situation-schemas';
import type { CategoryClass } from '../../../shared/domain/events';
import { PROVINCE_CENTROIDS } from '../../../shared/domain/province-centroids';
import { provincePopulation } from '../../../shared/domain/population';
import { planCompletion, personsSupported } from '../../../shared/domain/reserve-figures';
import { assessRisk, isEmergencyLevel } from '../../../shared/domain/risk-index';
import { isoDatePlus, type DataStamp } from './as-of';
import { capacityInScope, depotPoint, measureDepot, plannedPersonDays, type ClassHolding } from './depot-measures';
import { underFloorSince } from './floor-since';
import { recordedAlertPoint } from './recorded-alerts';
import type { Scope } from './scope';
import type { SituationStatements } from './statements';
import { ruleAlertPoint, type RulesInForce } from './rule-alert-points';

/** Everything the snapshot and the KPIs are cut from, for one data version and one scope. */
export interface SituationFacts {
  stamp: DataStamp;
  scope: Scope;
  /** Every province the region filter keeps, with its risk (before the risk-band filter). */
  provinces: ProvinceRisk[];
  depots: DepotPoint[];
  alerts: AlertPoint[];
  transfers: TransferArc[];
  /** Per province: held lots expiring within 30 and 90 days of the data-as-of date (not yet expired). */
  expiringLots: Map<string, { within30: number; within90: number }>;
  /** Per province and class in scope: stock of the selected categories in person-days, held and planned. */
  personDays: Map<string, Map<CategoryClass, number>>;
  plannedPersonDays: Map<string, Map<CategoryClass, number>>;
}

interface ProvinceTally {
  held: Map<CategoryClass, number>;
  selected: Map<CategoryClass, number>;
  floor: Map<CategoryClass, number>;
  personDays: Map<CategoryClass, number>;
  plannedPersonDays: Map<CategoryClass, number>;
  expiring90: Map<CategoryClass, number>;
  depots: number;
  depotsUnderFloor: number;
  alerts: number;
}

const add = <K>(m: Map<K, number>, k: K, v: number) => m.set(k, (m.get(k) ?? 0) + v);

function newTally(): ProvinceTally {
  return { held: new Map(), selected: new Map(), floor: new Map(), personDays: new Map(), plannedPersonDays: new Map(), expiring90: new Map(), depots: 0, depotsUnderFloor: 0, alerts: 0 };
}

export function computeFacts(
  s: SituationStatements,
  stamp: DataStamp,
  scope: Scope,
  provinceRows: readonly { adcode: string; name_zh: string; name_en: string; emergency_level: string }[],
  rules: RulesInForce | null = null,
): SituationFacts {
  const lists = {
    categories: JSON.stringify(scope.categories),
    classes: JSON.stringify(scope.classes),
    regions: JSON.stringify(scope.regions),
  };
  const today = (stamp.asOf ?? '1970-01-01').slice(0, 10);
  const until30 = isoDatePlus(today, 30);
  const until90 = isoDatePlus(today, 90);
  const tallies = new Map(scope.regions.map((r) => [r, newTally()]));
  const alerts: AlertPoint[] = [];

  // Depots: stock per class against capacity and floor.
  const holdings = new Map<string, Map<string, ClassHolding>>();
  for (const row of s.depotClassStock.all(lists)) {
    let byClass = holdings.get(row.depot);
    if (!byClass) holdings.set(row.depot, (byClass = new Map()));
    byClass.set(row.class, { held: row.held, selected: row.selected, personDays: row.person_days });
  }
  const depots: DepotPoint[] = [];
  const places = new Map<string, [number, number]>();
  for (const d of s.depots.all(lists)) {
    places.set(d.code, [d.lon, d.lat]);
    const tally = tallies.get(d.region);
    if (!tally) continue;
    const capacity = capacityInScope(d.capacity, scope.classes);
    const held = holdings.get(d.code);
    const planned = plannedPersonDays(d.planned, scope.norms);
    const m = measureDepot(capacity, held, scope.floorShare, planned);
    tally.depots++;
    for (const k of capacity.keys()) add(tally.plannedPersonDays, k, planned.get(k) ?? 0);
    if (m.underFloor) tally.depotsUnderFloor++;
    for (const [k, cap] of capacity) add(tally.floor, k, (scope.floorShare.get(k) ?? 0) * cap);
    for (const [k, h] of held ?? []) {
      const cls = k as CategoryClass;
      add(tally.held, cls, h.held);
      add(tally.selected, cls, h.selected);
      add(tally.personDays, cls, h.personDays);
    }
    depots.push(depotPoint(d, m));
    const asOf = stamp.regionAsOf.get(d.region) ?? stamp.asOf ?? '';
    for (const u of m.classesUnderFloor) {
      tally.alerts++;
      const at = { depot: d.code, region: d.region, until: asOf || '9999-12-31' };
      alerts.push({
        id: `under-floor:${d.code}:${u.class}`,
        kind: 'under-floor',
        severity: u.ratio < 0.5 ? 'critical' : 'warning',
        region: d.region,
        depot: d.code,
        class: u.class,
        category: null,
        lon: d.lon,
        lat: d.lat,
        // When the class went under (from the log), never the time of asking.
        raisedAt: underFloorSince(s.depotMovements, at, u.class, u.held, u.floor) ?? asOf,
      });
    }
  }

  // Lots: expiring stock share and counts, from the expiry index.
  const expiringLots = new Map<string, { within30: number; within90: number }>();
  for (const lot of s.lotsExpiringBy.all({ categories: lists.categories, regions: lists.regions, until: until90 })) {
    const tally = tallies.get(lot.region);
    if (!tally) continue;
    add(tally.expiring90, lot.class as CategoryClass, lot.on_hand);
    if (lot.expiry_date < today) continue;
    const counts = expiringLots.get(lot.region) ?? { within30: 0, within90: 0 };
    counts.within90++;
    if (lot.expiry_date <= until30) counts.within30++;
    expiringLots.set(lot.region, counts);
  }
  for (const h of s.holdingsExpiringBy.all({ categories: lists.categories, regions: lists.regions, until: until30 })) {
    const tally = tallies.get(h.region);
    if (!tally) continue;
    tally.alerts++;
    const expired = h.expiry_date < today;
    alerts.push({
      id: `${expired ? 'expired' : 'expiring'}:${h.lot_id}:${h.depot}`,
      kind: expired ? 'expired' : 'expiring',
      severity: expired ? 'critical' : 'warning',
      region: h.region,
      depot: h.depot,
      class: scope.norms.get(h.category)?.class ?? null,
      category: h.category,
      lon: h.lon,
      lat: h.lat,
      raisedAt: expired ? `${h.expiry_date}T00:00:00Z` : `${isoDatePlus(h.expiry_date, -30)}T00:00:00Z`,
    });
  }

  for (const row of s.recordedAlerts?.({ regions: lists.regions, categories: lists.categories }) ?? []) {
    const tally = tallies.get(row.region);
    if (!tally) continue;
    tally.alerts++;
    alerts.push(recordedAlertPoint(row, PROVINCE_CENTROIDS[row.region] ?? [0, 0]));
  }

  if (rules) {
    // The rules' raisings take the place of the checks they cover, and count as every other alert does.
    const kept = alerts.filter((a) => !rules.coveredKinds.has(a.kind));
    alerts.length = 0;
    alerts.push(...kept, ...rules.alerts.filter((a) => tallies.has(a.region)).map((a) => ruleAlertPoint(a, places)));
    for (const tally of tallies.values()) tally.alerts = 0;
    for (const a of alerts) {
      const tally = tallies.get(a.region);
      if (tally) tally.alerts++;
    }
  }

  const heldLots = new Map(s.heldLotsByRegion.all({ categories: lists.categories, regions: lists.regions }).map((r) => [r.region, r.n]));

  const provinces: ProvinceRisk[] = [];
  const personDays = new Map<string, Map<CategoryClass, number>>();
  const plannedByProvince = new Map<string, Map<CategoryClass, number>>();
  for (const p of provinceRows) {
    const tally = tallies.get(p.adcode);
    if (!tally) continue;
    const population = provincePopulation(p.adcode);
    const classes = scope.classes.map((k) => {
      const stock = tally.held.get(k) ?? 0;
      const floor = tally.floor.get(k) ?? 0;
      const pd = tally.personDays.get(k) ?? 0;
      return {
        class: k,
        stock,
        floor,
        coverRatio: floor > 0 ? stock / floor : 0,
        personsSupported: personsSupported(pd, k),
        planCompletion: planCompletion(pd, tally.plannedPersonDays.get(k) ?? 0),
      };
    });
    const sum = (m: Map<CategoryClass, number>) => scope.classes.reduce((a, k) => a + (m.get(k) ?? 0), 0);
    const shares = scope.classes
      .filter((k) => (tally.selected.get(k) ?? 0) > 0)
      .map((k) => Math.min(1, (tally.expiring90.get(k) ?? 0) / (tally.selected.get(k) ?? 1)));
    const expiring90Share = shares.length > 0 ? shares.reduce((a, b) => a + b, 0) / shares.length : 0;
    const emergencyLevel = isEmergencyLevel(p.emergency_level) ? p.emergency_level : 'normal';
    const risk = assessRisk({
      coverRatios: classes.map((c) => c.coverRatio),
      expiring90Share,
      openAlerts: tally.alerts,
      depots: tally.depots,
      emergencyLevel,
    });
    personDays.set(p.adcode, tally.personDays);
    plannedByProvince.set(p.adcode, tally.plannedPersonDays);
    provinces.push({
      adcode: p.adcode,
      nameZh: p.name_zh,
      nameEn: p.name_en,
      emergencyLevel,
      riskIndex: risk.index,
      riskBand: risk.band,
      planCompletion: planCompletion(sum(tally.personDays), sum(tally.plannedPersonDays)),
      expiring90Share,
      openAlerts: tally.alerts,
      depots: tally.depots,
      depotsUnderFloor: tally.depotsUnderFloor,
      lots: heldLots.get(p.adcode) ?? 0,
      centroid: [...(PROVINCE_CENTROIDS[p.adcode] ?? [0, 0])] as [number, number],
      population,
      classes,
    });
  }

  const transfers: TransferArc[] = s.transfersInFlight.all({ categories: lists.categories, regions: lists.regions }).map((t) => ({
    transferId: t.transfer_id,
    lotId: t.lot_id,
    category: t.category,
    quantity: t.outstanding,
    fromDepot: t.from_depot,
    toDepot: t.to_depot,
    from: [t.from_lon, t.from_lat],
    to: [t.to_lon, t.to_lat],
    sentAt: t.sent_at,
    region: t.region,
  }));

  return { stamp, scope, provinces, depots, alerts, transfers, expiringLots, personDays, plannedPersonDays: plannedByProvince };
}
