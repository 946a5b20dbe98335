import type { DepotPoint } from '../../../shared/contract/situation-schemas';
import type { CategoryClass } from '../../../shared/domain/events';
import { daysOfCover } from '../../../shared/domain/risk-index';

export interface ClassHolding {
  held: number;
  selected: number;
  personDays: number;
}

export interface DepotMeasures {
  /** Capacity of the depot's classes in scope. */
  capacity: Map<CategoryClass, number>;
  daysOfCover: number;
  fill: number;
  underFloor: boolean;
  /** Classes in scope whose stock is under the floor, with how far under (stock ÷ floor). */
  classesUnderFloor: { class: CategoryClass; ratio: number }[];
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

/**
 * One depot against its floors: days of cover (mean over its classes in scope of the selected
 * categories' person-days ÷ the province's population), fill (stock ÷ capacity) and, per class,
 * stock under safetyFloorShare × capacity.
 */
export function measureDepot(
  capacity: Map<CategoryClass, number>,
  holdings: ReadonlyMap<string, ClassHolding> | undefined,
  floorShare: ReadonlyMap<CategoryClass, number>,
  population: number,
): DepotMeasures {
  let held = 0;
  let cap = 0;
  let personDays = 0;
  const classesUnderFloor: DepotMeasures['classesUnderFloor'] = [];
  for (const [k, c] of capacity) {
    const h = holdings?.get(k);
    const q = h?.held ?? 0;
    held += q;
    cap += c;
    personDays += h?.personDays ?? 0;
    const floor = (floorShare.get(k) ?? 0) * c;
    if (q < floor) classesUnderFloor.push({ class: k, ratio: floor > 0 ? q / floor : 0 });
  }
  return {
    capacity,
    daysOfCover: capacity.size > 0 ? daysOfCover(personDays, population, 1) / capacity.size : 0,
    fill: cap > 0 ? held / cap : 0,
    underFloor: classesUnderFloor.length > 0,
    classesUnderFloor,
  };
}

/** A depot row and its measures as the map and the drawer show it. */
export function depotPoint(
  d: { code: string; name_zh: string; name_en: string; region: string; lon: number; lat: number; operator_kind: string },
  m: Pick<DepotMeasures, 'daysOfCover' | 'fill' | 'underFloor'>,
): DepotPoint {
  return {
    code: d.code,
    nameZh: d.name_zh,
    nameEn: d.name_en,
    region: d.region,
    lon: d.lon,
    lat: d.lat,
    operatorKind: d.operator_kind,
    daysOfCover: m.daysOfCover,
    fill: m.fill,
    underFloor: m.underFloor,
  };
}
