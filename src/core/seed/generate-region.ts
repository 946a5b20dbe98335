import type { Actor, EventDraft } from '../../shared/domain/events';
import { NATIONAL_REGION, PROVINCES } from '../../shared/domain/provinces';
import { CATEGORIES } from './categories';
import { civilianRegistryLog } from './civilian';
import { planDepots } from './depots';
import { RegionHistory } from './history';
import { personName, provinceShortName } from './names';
import { plannedQuantities } from './plan';
import type { Prefecture } from './prefectures';
import { Rng } from './prng';
import { SCALES, type SeedScale } from './scales';
import type { DepotState } from './stock';
import { WORK_SECONDS, dayOf, isoTime, parseAsOf, workStart } from './time';

export interface SeedOptions {
  scale: SeedScale;
  seed: number;
  /** End of the history (ISO datetime); no event is later. */
  asOf: string;
  /** Also a handful of civilian assets per province through their registry lifecycle (the demo's). */
  civilian?: boolean;
}

const SLOW_ROTATION_SHARE = 0.3;

/** The national log first, then the 31 provinces in GB/T 2260 order. */
export function seedRegions(): string[] {
  return [NATIONAL_REGION.adcode, ...PROVINCES.map((p) => p.adcode)];
}

/**
 * One region's seed log in eventTime order. Each region draws from its own stream derived
 * from (seed, region), so regions can be generated alone or in parallel with equal results.
 */
export function* generateRegionLog(
  region: string,
  opts: SeedOptions,
  prefectures: readonly Prefecture[],
): Generator<EventDraft> {
  const spec = SCALES[opts.scale];
  if (!spec) throw new Error(`unknown seed scale: ${String(opts.scale)}`);
  const endSec = parseAsOf(opts.asOf);
  const lastDay = dayOf(endSec);
  const firstDay = lastDay - spec.historyDays;
  const commanders = nationalCommanders(opts.seed);
  const commander = (i: number): Actor => ({ subject: commanders[i % commanders.length] as string, role: 'national-commander' });

  if (region === NATIONAL_REGION.adcode) {
    let t = workStart(firstDay - 60) + 3600;
    yield {
      region,
      type: 'region.declared',
      eventTime: isoTime(t),
      actor: commander(0),
      instructionId: null,
      payload: { ...pick(NATIONAL_REGION), level: 'national' },
    };
    for (const category of CATEGORIES) {
      t += 60;
      yield { region, type: 'category.defined', eventTime: isoTime(t), actor: commander(0), instructionId: null, payload: { ...category } };
    }
    return;
  }

  const province = PROVINCES.find((p) => p.adcode === region);
  if (!province) throw new Error(`not a seed region: ${region}`);

  const staffRng = new Rng(opts.seed, `${region}:staff`);
  const dutyOfficers = [1, 2, 3].map(() => `CN=${personName(staffRng)},OU=${region}`);
  const plans = planDepots(province, opts.scale, new Rng(opts.seed, `${region}:depots`), prefectures);
  const planned = plannedQuantities(plans, new Rng(opts.seed, `${region}:plan`));

  const rng = new Rng(opts.seed, `${region}:history`);
  const depots: DepotState[] = plans.map((plan, index) => {
    const depot: DepotState = {
      index,
      plan,
      slots: [],
      commissionDay: firstDay + rng.int(0, 29),
      slowRotation: rng.chance(SLOW_ROTATION_SHARE),
      drawdownDay: plan.laggard ? lastDay - rng.int(10, 90) : null,
    };
    depot.slots = plan.stock.map(({ category, target }) => ({
      depot,
      category,
      target,
      lotSize: Math.max(1, Math.round(target / spec.lotsPerSlot)),
      onHand: 0,
      incoming: 0,
      holdings: [],
    }));
    return depot;
  });

  yield {
    region,
    type: 'region.declared',
    eventTime: isoTime(workStart(firstDay - 30) + 3600),
    actor: commander(0),
    instructionId: null,
    payload: { ...pick(province), level: 'province' },
  };

  // Registrations spread over the 4 weeks before the history starts, in working hours.
  const registrationDays = 28;
  for (const [i, depot] of depots.entries()) {
    const k = (i * registrationDays) / depots.length;
    const day = firstDay - 29 + Math.floor(k);
    yield {
      region,
      type: 'depot.registered',
      eventTime: isoTime(workStart(day) + Math.floor((k - Math.floor(k)) * WORK_SECONDS)),
      actor: { subject: dutyOfficers[i % dutyOfficers.length] as string, role: 'duty-officer' },
      instructionId: null,
      payload: { ...depot.plan.payload, capacity: { ...depot.plan.payload.capacity }, planned: { ...planned.get(depot.plan.code) } },
    };
  }

  yield* new RegionHistory({
    region,
    provinceShort: provinceShortName(province.nameZh),
    spec,
    rng,
    depots,
    firstDay,
    lastDay,
    endSec,
    dutyOfficers,
    commanders,
    // seq 1 is the declaration, then one registration per depot
    firstSeq: depots.length + 2,
  }).run();

  // After the history, so the history's seqs (which corrections cite) stay as they were; their
  // times fall within its last weeks, as registrations recorded by the registry session.
  if (opts.civilian) yield* civilianRegistryLog(region, provinceShortName(province.nameZh), opts.seed, endSec, prefectures);
}

function pick(r: { adcode: string; nameZh: string; nameEn: string }) {
  return { adcode: r.adcode, nameZh: r.nameZh, nameEn: r.nameEn };
}

/** The same commanders sign central instructions in every region's log. */
function nationalCommanders(seed: number): string[] {
  const rng = new Rng(seed, `${NATIONAL_REGION.adcode}:staff`);
  return [1, 2].map(() => `CN=${personName(rng)},OU=${NATIONAL_REGION.adcode}`);
}
