import type { CategoryClass, PayloadOf } from '../../shared/domain/events';
import { PROVINCES, type Province } from '../../shared/domain/provinces';
import { CATEGORIES, type CategoryDefinition } from './categories';
import { depotNames, personName, provinceShortName } from './names';
import type { Prefecture } from './prefectures';
import { Rng } from './prng';
import { SCALES, type SeedScale } from './scales';
import { provinceWeight } from './province-weights';

export type OperatorKind = PayloadOf<'depot.registered'>['operatorKind'];

export interface DepotPlan {
  code: string;
  payload: PayloadOf<'depot.registered'>;
  city: Prefecture;
  /** "湖南长沙": where relief from this depot goes. */
  placeZh: string;
  operators: string[];
  /** Categories stocked and the holding aimed for, in the category's unit. */
  stock: { category: CategoryDefinition; target: number }[];
  /** Replenishment stalls near the end of the history, leaving it under its floor. */
  laggard: boolean;
}

/** Holding aimed for per category at a depot of size 1. */
const BASE_TARGET: Readonly<Record<string, number>> = {
  'GR-RICE': 8000, 'GR-WHEAT': 10000, 'GR-CORN': 8000, 'GR-FLOUR': 1500,
  'OL-SOY': 1500, 'OL-RAPE': 1000, 'OL-PEANUT': 500,
  'EN-DIESEL': 3000, 'EN-GASOLINE': 2000, 'EN-LPG': 600,
  'SH-TENT': 3000, 'SH-QUILT': 10000, 'SH-COAT': 8000, 'SH-BED': 3000,
  'WA-BOTTLE': 20000, 'WA-TABLET': 5000, 'WA-PURIFIER': 20,
  'MD-KIT': 2000, 'MD-DISINF': 20000, 'MD-MASK': 3000,
  'PW-GEN': 40, 'PW-STATION': 200, 'PW-LAMP': 2000,
};

/** Normal holding as a share of capacity; leaves headroom for intakes. */
const NOMINAL_FILL = 0.8;
const LAGGARD_SHARE = 0.1;

type Profile = 'grain' | 'energy' | 'relief' | 'comprehensive';

const OPERATOR_KINDS: readonly OperatorKind[] = ['national', 'provincial', 'enterprise', 'civilian'];
const OPERATOR_WEIGHTS = [0.2, 0.4, 0.28, 0.12];
const PROFILES: readonly Profile[] = ['grain', 'energy', 'relief', 'comprehensive'];
const PROFILE_WEIGHTS: Readonly<Record<OperatorKind, readonly number[]>> = {
  national: [0.55, 0.25, 0, 0.2],
  provincial: [0.3, 0, 0.4, 0.3],
  enterprise: [0.4, 0.4, 0.2, 0],
  civilian: [0, 0, 1, 0],
};
const SIZE_FACTOR: Readonly<Record<OperatorKind, number>> = {
  national: 1.6,
  provincial: 1,
  enterprise: 0.8,
  civilian: 0.3,
};

/** How many categories of each class a profile stocks: [min, max]. */
const PROFILE_MIX: Readonly<Record<Profile, Partial<Record<CategoryClass, [number, number]>>>> = {
  grain: { grain: [2, 3], oil: [1, 2] },
  energy: { energy: [2, 3], power: [0, 1] },
  relief: { shelter: [2, 3], water: [1, 2], medical: [1, 2], power: [1, 2] },
  comprehensive: { grain: [1, 2], oil: [1, 1], energy: [1, 1], shelter: [1, 2], water: [1, 1], medical: [1, 1], power: [1, 1] },
};

const countCache = new Map<SeedScale, Map<string, number>>();

/** Depots per province: a floor for everyone, the rest by size (largest remainder). */
export function depotCounts(scale: SeedScale): Map<string, number> {
  const hit = countCache.get(scale);
  if (hit) return hit;
  const spec = SCALES[scale];
  const spare = Math.max(0, spec.depots - spec.minDepotsPerProvince * PROVINCES.length);
  const shares = PROVINCES.map((p) => spare * provinceWeight(p.adcode));
  const counts = shares.map((s) => spec.minDepotsPerProvince + Math.floor(s));
  let left = spec.depots - counts.reduce((a, b) => a + b, 0);
  const byRemainder = shares.map((s, i) => ({ i, r: s - Math.floor(s) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  const result = new Map(PROVINCES.map((p, i) => [p.adcode, counts[i] ?? 0]));
  countCache.set(scale, result);
  return result;
}

export function planDepots(province: Province, scale: SeedScale, rng: Rng, prefectures: readonly Prefecture[]): DepotPlan[] {
  const cities = prefectures.filter((p) => p.province === province.adcode).sort((a, b) => a.adcode.localeCompare(b.adcode));
  if (cities.length === 0) throw new Error(`no prefectures for province ${province.adcode}`);
  const capitalIndex = Math.max(0, cities.findIndex((c) => c.adcode.endsWith('0100')));
  const capital = cities[capitalIndex] as Prefecture;
  const ordered = [capital, ...rng.shuffle(cities.filter((_, i) => i !== capitalIndex))];
  const weights = ordered.map((_, i) => (i === 0 ? 3 : 1));

  const count = depotCounts(scale).get(province.adcode) ?? 0;
  const perCity = new Map<string, number>();
  const plans: DepotPlan[] = [];
  for (let i = 0; i < count; i++) {
    const city = (i < ordered.length ? ordered[i] : ordered[rng.weighted(weights)]) as Prefecture;
    const number = (perCity.get(city.adcode) ?? 0) + 1;
    perCity.set(city.adcode, number);
    plans.push(planDepot(province, city, number, rng));
  }
  return plans.sort((a, b) => a.code.localeCompare(b.code));
}

function planDepot(province: Province, city: Prefecture, number: number, rng: Rng): DepotPlan {
  const code = `${city.adcode}-D${String(number).padStart(3, '0')}`;
  const operatorKind = OPERATOR_KINDS[rng.weighted(OPERATOR_WEIGHTS)] as OperatorKind;
  const profile = PROFILES[rng.weighted(PROFILE_WEIGHTS[operatorKind])] as Profile;
  const size = SIZE_FACTOR[operatorKind] * Math.min(3, Math.max(0.3, Math.exp(0.5 * gaussian(rng))));

  const stock: DepotPlan['stock'] = [];
  for (const [cls, [min, max]] of Object.entries(PROFILE_MIX[profile]) as [CategoryClass, [number, number]][]) {
    const options = rng.shuffle(CATEGORIES.filter((c) => c.class === cls));
    let n = rng.int(min, max);
    if (operatorKind === 'civilian') n = Math.min(n, 1);
    for (const category of options.slice(0, n)) {
      const base = BASE_TARGET[category.code] ?? 1000;
      stock.push({ category, target: Math.max(10, Math.round(base * size)) });
    }
  }
  // A depot always stocks something, whatever the draws above.
  if (stock.length === 0) {
    const category = rng.pick(CATEGORIES);
    stock.push({ category, target: Math.max(10, Math.round((BASE_TARGET[category.code] ?? 1000) * size)) });
  }
  stock.sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));

  const capacity: Record<string, number> = {};
  for (const { category, target } of stock) {
    capacity[category.class] = (capacity[category.class] ?? 0) + target / NOMINAL_FILL;
  }
  for (const cls of Object.keys(capacity)) capacity[cls] = roundCapacity(capacity[cls] ?? 0);

  const [lon, lat] = jitter(rng, city.lon, city.lat);
  const names = depotNames(code, number, city, province);
  const short = provinceShortName(province.nameZh);
  const operators = [personName(rng), personName(rng)].map((n) => `CN=${n},OU=${code}`);
  return {
    code,
    payload: { code, ...names, adcode: city.adcode, lon, lat, operatorKind, capacity },
    city,
    placeZh: short === city.nameZh ? short : `${short}${city.nameZh}`,
    operators,
    stock,
    laggard: rng.chance(LAGGARD_SHARE),
  };
}

/** Two significant figures: capacities are nominal. */
function roundCapacity(x: number): number {
  if (x < 10) return Math.ceil(x);
  const step = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.ceil(x / step) * step;
}

/** A point 2–12 km from the city's label point. */
function jitter(rng: Rng, lon: number, lat: number): [number, number] {
  const km = rng.range(2, 12);
  const angle = rng.range(0, 2 * Math.PI);
  const dLat = (km / 111.32) * Math.cos(angle);
  const dLon = (km / (111.32 * Math.cos((lat * Math.PI) / 180))) * Math.sin(angle);
  const round5 = (x: number) => Math.round(x * 1e5) / 1e5;
  return [round5(lon + dLon), round5(lat + dLat)];
}

function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
