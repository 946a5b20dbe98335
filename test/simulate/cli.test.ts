import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { seedInto } from '../../src/core/seed/seed-replica';
import type { SimulationResult } from '../../src/core/simulate';
import { TINY } from '../seed/fixtures';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `node bin/inrs.mjs …` from this checkout, as an operator runs it. */
function inrs(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/inrs.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let replicaFile: string;
let keyFile: string;
let key: Buffer;

const plan = (id: string, sourceRegions: string[] | 'all', over: Record<string, unknown> = {}) => ({ id, sourceRegions, dailyTransportTonnes: null, replenishLeadDays: null, belowFloor: false, ...over });
const SCENARIO = {
  title: 'Hunan flood',
  days: 5,
  affected: [
    { region: '430000', population: 20000, onsetDay: 0, durationDays: 5 },
    { region: '420000', population: 5000, onsetDay: 2, durationDays: 2 },
  ],
  plans: [plan('hunan', ['430000']), plan('central', ['430000', '420000', '360000']), plan('all-below-floor', 'all', { belowFloor: true, replenishLeadDays: 2 })],
};

describe('inrs simulate (CLI) on a seeded, encrypted tiny replica', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-test-'));
    replicaFile = join(dir, 'tiny.db');
    key = newReplicaKey();
    const seeded = openReplica(replicaFile, key, { create: true });
    seedInto(seeded, TINY);
    seeded.close();
    keyFile = join(dir, 'replica.key');
    writeFileSync(keyFile, key.toString('hex'), { mode: 0o600 });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every plan against the replica’s stock and writes the result privately', () => {
    const scenario = join(dir, 'scenario.json');
    const out = join(dir, 'result.json');
    writeFileSync(scenario, JSON.stringify(SCENARIO));
    const r = inrs('simulate', '--replica', replicaFile, '--key-file', keyFile, '--scenario', scenario, '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^hunan: shortfall \d+\.\d person-days, transport \d+\.\d h, cost \d+\.\d{2} CNY, 0 regions below floor\ncentral: .*\nall-below-floor: .*\n3 plans over 5 days in \d+ ms; wrote .*result\.json\n$/,
    );
    // Progress on stderr, one line per objective solved when stderr is not a terminal.
    expect(r.stderr).toMatch(/^simulate \[\.+\] 0% 0\/\d+\n(simulate \[[#.]+\] \d+% \d+\/\d+\n)+$/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(existsSync(`${out}.partial`)).toBe(false);

    const result = JSON.parse(readFileSync(out, 'utf8')) as SimulationResult;
    expect(result.title).toBe('Hunan flood');
    expect(result.plans.map((p) => p.id)).toEqual(['hunan', 'central', 'all-below-floor']);
    // Opening stock straight from the replica: what every region holds of each category.
    const db = openReplica(replicaFile, key, { readonly: true }).db;
    const held = new Map(
      (
        db
          .prepare('SELECT d.region, s.category, sum(s.quantity) AS q FROM depot_stock s JOIN depots d ON d.code = s.depot WHERE s.quantity > 0 GROUP BY 1, 2')
          .all() as { region: string; category: string; q: number }[]
      ).map((x) => [`${x.region}|${x.category}`, x.q]),
    );
    db.close();
    const categories = result.categories.map((c) => c.code);
    expect(categories).toEqual(['GR-FLOUR', 'GR-RICE', 'MD-KIT', 'OL-RAPE', 'OL-SOY', 'PW-LAMP', 'SH-QUILT', 'SH-TENT', 'WA-BOTTLE', 'WA-TABLET']);
    for (const p of result.plans) {
      expect(p.days).toHaveLength(5 * categories.length);
      for (const d of p.days) expect(Math.abs(d.delivered + d.shortfall - d.demand)).toBeLessThanOrEqual(1e-9);
      for (const s of p.stock) {
        expect(s.quantity).toBeGreaterThanOrEqual(0);
        if (p.id !== 'all-below-floor') expect(s.quantity).toBeGreaterThanOrEqual(s.floor);
      }
      // A region the plan does not draw on keeps what it holds, every day.
      if (p.id === 'hunan') {
        const beijing = p.stock.filter((s) => s.region === '110000');
        expect(beijing.length).toBeGreaterThan(0);
        for (const s of beijing) expect(s.quantity).toBeCloseTo(held.get(`110000|${s.category}`) ?? NaN, 6);
        expect(new Set(p.flows.map((f) => f.from))).toEqual(new Set(['430000']));
      }
    }
    // Water on day 0: 20,000 people × 3 L ÷ 12 L a case, Hubei not yet affected.
    expect(result.plans[0]?.days.find((d) => d.day === 0 && d.category === 'WA-BOTTLE')?.demand).toBe(5000);
    const [hunan, central, all] = result.plans.map((p) => p.summary.shortfallPersonDays) as [number, number, number];
    expect(central).toBeLessThanOrEqual(hunan);
    expect(all).toBeLessThan(hunan);
  });

  it('refuses a bad scenario in one line naming the file and the field, and writes nothing', () => {
    const out = join(dir, 'nothing.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...SCENARIO, affected: [{ region: '999999', population: 10, onsetDay: 0, durationDays: 1 }] }));
    const r = inrs('simulate', '--replica', replicaFile, '--key-file', keyFile, '--scenario', bad, '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`inrs: ${bad}: invalid scenario: scenario.affected[0].region: "999999" is not the adcode of one of the 31 provinces\n`);

    writeFileSync(bad, JSON.stringify({ ...SCENARIO, affected: [{ region: '430000', population: 10, onsetDay: 5, durationDays: 1 }] }));
    expect(inrs('simulate', '--replica', replicaFile, '--key-file', keyFile, '--scenario', bad, '--out', out).stderr).toBe(
      `inrs: ${bad}: invalid scenario: scenario.affected[0].onsetDay: must be within the horizon (< days = 5)\n`,
    );
    writeFileSync(bad, JSON.stringify({ ...SCENARIO, plans: [{ ...SCENARIO.plans[0], dailyTransportTonnes: -1 }] }));
    expect(inrs('simulate', '--replica', replicaFile, '--key-file', keyFile, '--scenario', bad, '--out', out).stderr).toBe(
      `inrs: ${bad}: invalid scenario: scenario.plans[0].dailyTransportTonnes: must be ≥ 0\n`,
    );
    expect(inrs('simulate', '--replica', replicaFile, '--key-file', keyFile, '--scenario', join(dir, 'nope.json'), '--out', out).stderr).toMatch(/^inrs: .*nope\.json: no such file\n$/);
    expect(inrs('simulate', '--replica', replicaFile, '--key-file', keyFile, '--scenario', bad).stderr).toBe('inrs: missing --out\n');
    expect(existsSync(out)).toBe(false);
  });

  it('is listed in inrs --help', () => {
    expect(inrs('--help').stdout).toContain('inrs simulate --replica FILE --key-file FILE --scenario FILE.json [--costs FILE.json] --out FILE.json');
  });
});
