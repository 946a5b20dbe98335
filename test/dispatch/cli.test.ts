import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tempDir = useTempDir();

/** `node bin/inrs.mjs …` from this checkout, as an operator runs it. */
function inrs(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/inrs.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('inrs dispatch solve (CLI)', () => {
  it('solves a problem file into a solution file', () => {
    const dir = tempDir();
    const problem = join(dir, 'problem.json');
    const out = join(dir, 'solution.json');
    writeFileSync(
      problem,
      JSON.stringify({
        depots: [
          { id: 'HN-CS-01', lon: 112.9388, lat: 28.2282, supply: { 'SH-TENT': 300, 'WA-BOTTLE': 1000 } },
          { id: 'HB-WH-01', lon: 114.3054, lat: 30.5931, supply: { 'SH-TENT': 500 } },
        ],
        demands: [
          { id: 'yueyang', lon: 113.1289, lat: 29.3572, demand: { 'SH-TENT': 400, 'WA-BOTTLE': 1200 } },
          { id: 'changde', lon: 111.6985, lat: 29.0317, demand: { 'SH-TENT': 100 } },
        ],
      }),
    );
    const r = inrs('dispatch', 'solve', '--problem', problem, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^optimal: objective \d+\.\d{3}, 4 flows, 1 shortfalls in \d+ ms; wrote .*solution\.json\n$/);
    const solution = JSON.parse(readFileSync(out, 'utf8')) as {
      status: string;
      objective: number;
      flows: { from: string; to: string; category: string; quantity: number; hours: number }[];
      shortfalls: unknown[];
    };
    expect(solution.status).toBe('optimal');
    expect(solution.flows.map((f) => [f.category, f.from, f.to, f.quantity])).toEqual([
      ['SH-TENT', 'HN-CS-01', 'yueyang', 200],
      ['SH-TENT', 'HN-CS-01', 'changde', 100],
      ['SH-TENT', 'HB-WH-01', 'yueyang', 200],
      ['WA-BOTTLE', 'HN-CS-01', 'yueyang', 1000],
    ]);
    expect(solution.shortfalls).toEqual([{ to: 'yueyang', category: 'WA-BOTTLE', quantity: 200 }]);
    const recomputed = solution.flows.reduce((n, f) => n + f.quantity * f.hours, 0) + 200 * 1_000_000;
    expect(solution.objective).toBeCloseTo(recomputed, 6);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('reports a bad file in one line and writes nothing', () => {
    const dir = tempDir();
    const out = join(dir, 'solution.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ depots: [{ id: 'A', lon: 200, lat: 0, supply: {} }], demands: [] }));
    const invalid = inrs('dispatch', 'solve', '--problem', bad, '--out', out);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toBe(`inrs: ${bad}: invalid dispatch problem: problem.depots[0].lon: must be within -180…180\n`);

    const garbled = join(dir, 'garbled.json');
    writeFileSync(garbled, '{"depots": [');
    const notJson = inrs('dispatch', 'solve', '--problem', garbled, '--out', out);
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toMatch(/^inrs: .*garbled\.json: not valid JSON \(.*\)\n$/);

    const missing = inrs('dispatch', 'solve', '--problem', join(dir, 'nope.json'), '--out', out);
    expect(missing.stderr).toMatch(/^inrs: .*nope\.json: no such file\n$/);
    expect(inrs('dispatch', 'solve', '--problem', bad).stderr).toBe('inrs: missing --out\n');
    expect(existsSync(out)).toBe(false);
  });

  it('is listed in inrs --help', () => {
    expect(inrs('--help').stdout).toContain('inrs dispatch solve --problem FILE.json --out FILE.json');
  });
});
