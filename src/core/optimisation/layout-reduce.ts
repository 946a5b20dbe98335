import { travelHours } from '../dispatch/geo';
import type { LayoutProblem } from '../layout/problem';

/**
 * The layout problem the optimisation wall solves (README, "Optimisation wall"): the problem
 * `inrs layout optimise --from-replica` builds, reduced so that it solves in seconds at national
 * scale. Depots are aggregated per prefecture city (one candidate site per city, at the mean
 * position of its depots, with their capacities added up); each province capital (the city
 * whose adcode ends in 0100, or the municipality itself) without a depot is added as a new
 * candidate with the median capacity of the current sites, and so are the GAP_CANDIDATES cities
 * without a depot that weigh most in demand × road hours to today's nearest site (where moving a
 * site would shorten the most person-hours); in one province's view (few cities) every city of
 * the province without a depot is. Every site has the same fixed cost.
 * `maxOpen` defaults to the number of current sites: the proposal relocates, it does not grow.
 */

/** Cities added nationally where reserves are farthest from the people who would need them. */
export const GAP_CANDIDATES = 24;

export interface LayoutDepot {
  code: string;
  adcode: string;
  nameZh: string;
  nameEn: string;
}

export interface LayoutCity {
  adcode: string;
  province: string;
  nameZh: string;
  lon: number;
  lat: number;
}

export interface LayoutSiteInfo {
  id: string;
  nameZh: string;
  nameEn: string;
  lon: number;
  lat: number;
  capacity: number;
  /** Holds reserves today (a city with depots). */
  current: boolean;
  depots: number;
}

export interface ReducedLayout {
  problem: LayoutProblem;
  sites: LayoutSiteInfo[];
}

/** The city a depot lies in: its prefecture (first four adcode digits), else its province's entry (municipalities). */
export function cityOf(adcode: string, cities: ReadonlyMap<string, LayoutCity>): LayoutCity | undefined {
  return cities.get(`${adcode.slice(0, 4)}00`) ?? cities.get(`${adcode.slice(0, 2)}0000`);
}

/** Whether a city is its province's capital: the first prefecture by adcode convention, or a municipality. */
export const isCapital = (c: LayoutCity): boolean => c.adcode === `${c.province.slice(0, 2)}0100` || c.adcode === c.province;

export function reduceLayoutProblem(
  base: LayoutProblem,
  depots: readonly LayoutDepot[],
  cityList: readonly LayoutCity[],
  provinceNameEn: (province: string) => string,
  maxOpen?: number,
  everyCity = false,
): ReducedLayout {
  const cities = new Map(cityList.map((c) => [c.adcode, c]));
  const candidates = new Map(base.candidates.map((c) => [c.id, c]));
  const groups = new Map<string, { city: LayoutCity; depots: LayoutDepot[] }>();
  for (const d of depots) {
    const city = cityOf(d.adcode, cities);
    if (!city || !candidates.has(d.code)) continue;
    const g = groups.get(city.adcode) ?? { city, depots: [] };
    g.depots.push(d);
    groups.set(city.adcode, g);
  }
  const fixedCost = base.candidates[0]?.fixedCost ?? 0;
  const sites: LayoutSiteInfo[] = [...groups.values()].map(({ city, depots: ds }) => {
    const cs = ds.map((d) => candidates.get(d.code)!);
    const first = ds[0] as LayoutDepot;
    return {
      id: city.adcode,
      nameZh: ds.length > 1 ? `${city.nameZh}（${ds.length} 个库点）` : first.nameZh,
      nameEn: ds.length > 1 ? `${first.nameEn} and ${ds.length - 1} more` : first.nameEn,
      lon: round4(cs.reduce((s, c) => s + c.lon, 0) / cs.length),
      lat: round4(cs.reduce((s, c) => s + c.lat, 0) / cs.length),
      capacity: round3(cs.reduce((s, c) => s + c.capacity, 0)),
      current: true,
      depots: ds.length,
    };
  });
  const capacities = sites.map((s) => s.capacity).sort((a, b) => a - b);
  const median = capacities.length > 0 ? (capacities[Math.floor((capacities.length - 1) / 2)] as number) : 0;
  const provinces = new Set(base.demands.map((d) => cities.get(d.id)?.province).filter((p): p is string => !!p));
  const hoursToToday = (c: { lon: number; lat: number }) => Math.min(...sites.map((t) => travelHours(t, c, base.roadFactor, base.speedKmh)));
  const demandOf = new Map(base.demands.map((d) => [d.id, d.demand]));
  const gaps = everyCity
    ? new Set<string>()
    : new Set(
        cityList
          .filter((c) => provinces.has(c.province) && !groups.has(c.adcode) && !isCapital(c) && sites.length > 0)
          .map((c) => ({ id: c.adcode, weight: (demandOf.get(c.adcode) ?? 0) * hoursToToday(c) }))
          .filter((c) => c.weight > 0)
          .sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1))
          .slice(0, GAP_CANDIDATES)
          .map((c) => c.id),
      );
  for (const city of cityList) {
    if (!provinces.has(city.province) || !(everyCity || isCapital(city) || gaps.has(city.adcode)) || groups.has(city.adcode)) continue;
    const capital = isCapital(city);
    sites.push({
      id: city.adcode,
      nameZh: `${city.nameZh}（${capital ? '省会' : '新'}候选）`,
      nameEn: capital ? `Capital of ${provinceNameEn(city.province)} (candidate)` : `A city of ${provinceNameEn(city.province)}, ${city.nameZh} (candidate)`,
      lon: city.lon,
      lat: city.lat,
      capacity: median,
      current: false,
      depots: 0,
    });
  }
  sites.sort((a, b) => (a.id < b.id ? -1 : 1));
  const current = sites.filter((s) => s.current).length;
  return {
    problem: {
      candidates: sites.map((s) => ({ id: s.id, lon: s.lon, lat: s.lat, fixedCost, capacity: s.capacity })),
      demands: base.demands,
      maxOpen: maxOpen ?? current,
      roadFactor: base.roadFactor,
      speedKmh: base.speedKmh,
    },
    sites,
  };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
const round4 = (v: number) => Math.round(v * 10000) / 10000;
