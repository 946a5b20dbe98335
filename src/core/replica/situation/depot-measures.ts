import type { DepotPoint } from '../../../shared/contract/situation-schemas';
import type { CategoryClass } from '../../../shared/domain/events';
import { personDays, planCompletion } from '../../../shared/domain/reserve-figures';

export interface ClassHolding {
  held: number;
  selected: number;
  /** Stock of the categories in scope in person-days. */
  personDays: number;
}

export interface DepotMeasures {
  /** Capacity of the depot's classes in scope. */
  capacity: Map<CategoryClass, number>;
  fill: number;
  /** Held ÷ planned person-days of the categories in scope; null when none is planned. */
  planCompletion: number | null;
  underFloor: boolean;
  /** Classes in scope whose stock is under the floor, with how far under (stock ÷ floor). */
  classesUnderFloor: { class: CategoryClass; ratio: number; floor: number; held: number }[];
}

/** Parses a depot's capacity JSON, keeping the classes in scope with a positive capacity. */
export function capacityInScope(capacityJson: string, classes: readonly CategoryClass[]): Map<CategoryClass, number> {
  const all = JSON.parse(capacityJson) as Record<string, number>;
  const out = new Map<CategoryClass, number>();
  for (const k of classes) {
    const cap = all[k];
    if (typeof cap === 'number' && cap > 0) out.set(k, cap);
  }
  return out;
}

/** A depot's planned reserve scale in person-days per class, over the categories in scope. */
export function plannedPersonDays(
  plannedJson: string,
  norms: ReadonlyMap<string, { class: CategoryClass; perCapitaDaily: number }>,
): Map<CategoryClass, number> {
  const out = new Map<CategoryClass, number>();
  for (const [code, quantity] of Object.entries(JSON.parse(plannedJson) as Record<string, number>)) {
    const norm = norms.get(code);
    if (norm) out.set(norm.class, (out.get(norm.class) ?? 0) + personDays(quantity, norm.perCapitaDaily));
  }
  return out;
}

/**
 * One depot against its floors and its plan: fill (stock ÷ capacity), plan completion
 * (person-days held ÷ planned, categories in scope) and, per class, stock under
 * safetyFloorShare × capacity.
 */
export function measureDepot(
  capacity: Map<CategoryClass, number>,
  holdings: ReadonlyMap<string, ClassHolding> | undefined,
  floorShare: ReadonlyMap<CategoryClass, number>,
  planned: ReadonlyMap<CategoryClass, number>,
): DepotMeasures {
  let held = 0;
  let cap = 0;
  let heldPd = 0;
  let plannedPd = 0;
  const classesUnderFloor: DepotMeasures['classesUnderFloor'] = [];
  for (const [k, c] of capacity) {
    const h = holdings?.get(k);
    const q = h?.held ?? 0;
    held += q;
    cap += c;
    heldPd += h?.personDays ?? 0;
    plannedPd += planned.get(k) ?? 0;
    const floor = (floorShare.get(k) ?? 0) * c;
    if (q < floor) classesUnderFloor.push({ class: k, ratio: floor > 0 ? q / floor : 0, floor, held: q });
  }
  return {
    capacity,
    fill: cap > 0 ? held / cap : 0,
    planCompletion: planCompletion(heldPd, plannedPd),
    underFloor: classesUnderFloor.length > 0,
    classesUnderFloor,
  };
}

/** A depot row and its measures as the map and the drawer show it. */
export function depotPoint(
  d: { code: string; name_zh: string; name_en: string; region: string; lon: number; lat: number; operator_kind: string },
  m: Pick<DepotMeasures, 'planCompletion' | 'fill' | 'underFloor'>,
): DepotPoint {
  return {
    code: d.code,
    nameZh: d.name_zh,
    nameEn: d.name_en,
    region: d.region,
    lon: d.lon,
    lat: d.lat,
    operatorKind: d.operator_kind,
    planCompletion: m.planCompletion,
    fill: m.fill,
    underFloor: m.underFloor,
  };
}
