import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSimulationScenario } from '../../src/core/simulate';
import { useTempDir } from '../helpers/temp-dir';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tempDir = useTempDir();

/** `node bin/inrs.mjs …` from this checkout, as an operator runs it. */
function inrs(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/inrs.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const FLOOD = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 'FL-2026-07',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [113.8, 30],
            [114.8, 30],
            [114.8, 31],
            [113.8, 31],
            [113.8, 30],
          ],
        ],
      },
      properties: { hazardType: 'flood', level: 'orange', validFrom: '2026-07-10T08:00:00+08:00', validTo: '2026-07-13T08:00:00+08:00' },
    },
  ],
};

describe('inrs hazard import (CLI)', () => {
  it('prints the regions and people, and writes a scenario inrs simulate accepts', () => {
    const dir = tempDir();
    const file = join(dir, 'flood.geojson');
    const out = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(FLOOD));
    const r = inrs('hazard', 'import', '--file', file, '--share', '0.05', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^420000 Hubei: 10,\d{3} km² \(5\.\d % of the province\), about 3,\d{3},\d{3} people; flood orange, 2026-07-10T00:00:00\.000Z – 2026-07-13T00:00:00\.000Z\n1 features, 10,\d{3} km² \(0 outside the provinces\): 1 regions, about 3,\d{3},\d{3} people\nscenario over 3 days for \d{3},\d{3} people; wrote .*scenario\.json\n$/,
    );
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const scenario = parseSimulationScenario(JSON.parse(readFileSync(out, 'utf8')));
    expect(scenario.affected).toEqual([{ region: '420000', population: expect.any(Number), onsetDay: 0, durationDays: 3 }]);
    const printed = Number(/about ([\d,]+) people;/.exec(r.stdout)?.[1]?.replace(/,/g, ''));
    expect(scenario.affected[0]?.population).toBe(Math.round(printed * 0.05));
  });

  it('refuses a malformed file naming the feature, and writes nothing', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.geojson');
    const out = join(dir, 'scenario.json');
    const bad = structuredClone(FLOOD) as { features: { properties: Record<string, unknown> }[] };
    delete bad.features[0]?.properties.level;
    writeFileSync(file, JSON.stringify(bad));
    const r = inrs('hazard', 'import', '--file', file, '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`inrs: ${file}: features[0] (id "FL-2026-07").properties.level: must be one of blue, yellow, orange, red\n`);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(inrs('hazard', 'import', '--file', file, '--share', '2').stderr).toBe('inrs: --share must be a number within 0…1 (above 0)\n');
  });
});
