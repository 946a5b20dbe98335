import { createHash } from 'node:crypto';
import type { Actor, EventDraft } from '../../shared/domain/events';
import type { AssetFile } from '../../shared/domain/registry';
import { personName } from './names';
import type { Prefecture } from './prefectures';
import { Rng } from './prng';
import { WORK_SECONDS, dayOf, isoTime, workStart } from './time';

/**
 * A province's civilian asset registry for the demo: a handful of assets of every kind written
 * as the registry session writes them (the contributor registers, the province's verifier
 * verifies, onboards or fails them, a contributor withdraws one), so the registry wall, the map's
 * civilian layer and dispatch have something to show and `inrs audit verify` replays them.
 */

type Fate = 'registered' | 'verified' | 'onboarded' | 'failed' | 'withdrawn';

interface Planned {
  owner: number;
  fate: Fate;
  asset: (city: Prefecture, short: string) => Omit<AssetFile, 'region' | 'lon' | 'lat'>;
  /** Why the inspection failed (a `failed` fate only). */
  failure?: string;
}

/** Eight assets per province: physical, capability (transport, cold chain, warehouse, outlet) and services. */
const PLAN: readonly Planned[] = [
  { owner: 0, fate: 'onboarded', asset: (c, s) => ({ kind: 'physical', name: `${s}丰源粮油代储库（${c.nameZh}）`, category: 'GR-RICE', quantity: 800 }) },
  { owner: 1, fate: 'onboarded', asset: (_c, s) => ({ kind: 'capability', name: `${s}顺达物流应急车队`, capability: 'transport', capacity: 150, unit: 't/day' }) },
  { owner: 1, fate: 'onboarded', asset: (c, s) => ({ kind: 'capability', name: `${s}冷链仓储中心（${c.nameZh}）`, capability: 'cold-chain', capacity: 2000, unit: 't' }) },
  { owner: 2, fate: 'verified', asset: (c, _s) => ({ kind: 'physical', name: `${c.nameZh}惠民超市应急备货`, category: 'WA-BOTTLE', quantity: 12_000 }) },
  { owner: 0, fate: 'registered', asset: (_c, s) => ({ kind: 'service', name: `${s}质检检测中心`, service: 'testing', certification: 'CMA-2026-0431' }) },
  { owner: 2, fate: 'registered', asset: (c, _s) => ({ kind: 'capability', name: `${c.nameZh}社区应急仓`, capability: 'warehouse', capacity: 3000, unit: 't' }) },
  {
    owner: 3,
    fate: 'failed',
    failure: '现场核验：特种设备维修资质证书已过期，车辆行驶证与登记不符',
    asset: (_c, s) => ({ kind: 'service', name: `${s}应急抢修服务队`, service: 'maintenance', certification: 'TS-2024-0088' }),
  },
  { owner: 3, fate: 'withdrawn', asset: (c, _s) => ({ kind: 'capability', name: `${c.nameZh}便民服务网点`, capability: 'outlet', capacity: 20, unit: 't/day' }) },
];

const COMPANIES = ['粮油贸易有限公司', '现代物流有限公司', '连锁商业有限公司', '工程服务有限公司'];

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** A step of the plan, placed later in time. */
interface Step {
  at: number;
  actor: Actor;
  type: string;
  payload: unknown;
}

export function* civilianRegistryLog(region: string, provinceShort: string, seed: number, endSec: number, prefectures: readonly Prefecture[]): Generator<EventDraft> {
  const rng = new Rng(seed, `${region}:civilian`);
  const cities = prefectures.filter((p) => p.adcode.slice(0, 2) === region.slice(0, 2));
  if (cities.length === 0) return;
  const owners = COMPANIES.map((c) => `CN=${provinceShort}${c},OU=contributor,O=${region}`);
  const verifier: Actor = { subject: `CN=${personName(rng)},OU=registry-verifier,O=${region}`, role: 'registry-verifier' };
  // Registrations over the six weeks before the history ends, each later step days after it,
  // all within working hours and before the end of the history.
  const lastDay = dayOf(endSec) - 1;
  const workTime = (day: number) => Math.min(workStart(day) + rng.int(600, WORK_SECONDS - 600), endSec - 60);
  const steps: Step[] = [];
  for (const [i, planned] of PLAN.entries()) {
    const city = rng.pick(cities);
    const owner = owners[planned.owner] as string;
    const contributor: Actor = { subject: owner, role: 'contributor' };
    const assetId = `CA-${region}-${sha(`${owner}\nseed-${region}-${i}`).slice(0, 12)}`;
    const asset = {
      ...planned.asset(city, provinceShort),
      region: city.adcode,
      lon: round(city.lon + rng.range(-0.15, 0.15)),
      lat: round(city.lat + rng.range(-0.1, 0.1)),
      documents: [sha(`${assetId}:licence`), sha(`${assetId}:inventory`)],
    };
    let day = lastDay - rng.int(24, 42);
    steps.push({ at: workTime(day), actor: contributor, type: 'registry.asset-registered', payload: { assetId, owner, asset } });
    if (planned.fate === 'registered') continue;
    day += rng.int(3, 8);
    const passed = planned.fate !== 'failed';
    const reason = passed ? '现场核验合格：实物、证照与登记一致' : (planned.failure ?? '现场核验不合格');
    steps.push({ at: workTime(day), actor: verifier, type: 'registry.asset-verified', payload: { assetId, passed, reason, evidence: [sha(`${assetId}:inspection-photos`), sha(`${assetId}:inspection-report`)] } });
    if (planned.fate === 'verified' || planned.fate === 'failed') continue;
    day += rng.int(2, 6);
    steps.push({ at: workTime(day), actor: verifier, type: 'registry.asset-onboarded', payload: { assetId } });
    if (planned.fate === 'withdrawn') {
      day += rng.int(3, 10);
      steps.push({ at: workTime(Math.min(day, lastDay)), actor: contributor, type: 'registry.asset-withdrawn', payload: { assetId, reason: '门店停业，退出民间储备' } });
    }
  }
  // Each asset's steps are in order already; the log takes them all in time order.
  steps.sort((a, b) => a.at - b.at);
  for (const s of steps) {
    yield { region, type: s.type, eventTime: isoTime(s.at), actor: s.actor, instructionId: null, payload: s.payload } as EventDraft;
  }
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
