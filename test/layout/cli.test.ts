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

describe('inrs layout optimise (CLI)', () => {
  it('solves a problem file into a solution file in the issue’s format', () => {
    const dir = tempDir();
    const problem = join(dir, 'problem.json');
    const out = join(dir, 'layout.json');
    // Changsha, Wuhan and Yueyang as candidates; Wuhan's capacity alone is short of the 90 needed.
    writeFileSync(
      problem,
      JSON.stringify({
        candidates: [
          { id: 'changsha', lon: 112.9388, lat: 28.2282, fixedCost: 100, capacity: 100 },
          { id: 'wuhan', lon: 114.3054, lat: 30.5931, fixedCost: 100, capacity: 60 },
          { id: 'yueyang', lon: 113.1289, lat: 29.3572, fixedCost: 5000, capacity: 100 },
        ],
        demands: [
          { id: 'changde', lon: 111.6985, lat: 29.0317, demand: 40 },
          { id: 'xiaogan', lon: 113.9266, lat: 30.9264, demand: 50 },
        ],
        maxOpen: 2,
        roadFactor: 1.3,
        speedKmh: 60,
      }),
    );
    const r = inrs('layout', 'optimise', '--problem', problem, '--out', out);
    // Three sites are fewer than a round's arcs per point: one round, the full model.
    expect(r.stderr).toMatch(/^round 1: 6 arcs, lower bound \d+\.\d{3}, no point beyond its arcs: optimal \(\d+ ms\)\n$/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^optimal: objective \d+\.\d{3}, 2 of 3 sites open, 2 flows in \d+ ms; wrote .*layout\.json\n$/);
    const solution = JSON.parse(readFileSync(out, 'utf8')) as { status: string; objective: number; open: string[]; flows: { from: string; to: string; quantity: number; hours: number }[] };
    expect(solution.status).toBe('optimal');
    expect(solution.open).toEqual(['changsha', 'wuhan']);
    expect(solution.flows.map((f) => [f.from, f.to, f.quantity])).toEqual([
      ['changsha', 'changde', 40],
      ['wuhan', 'xiaogan', 50],
    ]);
    expect(solution.objective).toBeCloseTo(200 + solution.flows.reduce((s, f) => s + f.quantity * f.hours, 0), 6);
    expect(existsSync(`${out}.partial`)).toBe(false);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ candidates: [{ id: 'a', lon: 0, lat: 0, fixedCost: 1, capacity: 'big' }], demands: [], maxOpen: 1 }));
    const invalid = inrs('layout', 'optimise', '--problem', bad, '--out', join(dir, 'x.json'));
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toBe(`inrs: ${bad}: invalid layout problem: problem.candidates[0].capacity: must be a number\n`);
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });
});
