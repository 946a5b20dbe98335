import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { seedInto } from '../../src/core/seed/seed-replica';
import { useTempDir } from '../helpers/temp-dir';
import { TINY } from '../seed/fixtures';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tempDir = useTempDir();

/** `node bin/inrs.mjs …` from this checkout, as an operator runs it. */
function inrs(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/inrs.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Plan {
  rotations: { lot: string; depot: string; category: string; quantity: number; month: string; sellBy: string; arrives: string }[];
  floorByMonth: { depot: string; class: string; month: string; held: number; floor: number; belowFloorAtStart?: boolean }[];
  cost: number;
  unplanned: { lot: string; depot: string; reason: string }[];
}

describe('inrs rotation plan (CLI) on a seeded, encrypted tiny replica', () => {
  it('plans every lot expiring within the horizon, checked against the replica by SQL', () => {
    const dir = tempDir();
    const file = join(dir, 'tiny.db');
    const key = newReplicaKey();
    const seeded = openReplica(file, key, { create: true });
    seedInto(seeded, TINY);
    seeded.close();
    const keyFile = join(dir, 'replica.key');
    writeFileSync(keyFile, key.toString('hex'), { mode: 0o600 });
    const out = join(dir, 'plan.json');

    const r = inrs('rotation', 'plan', '--replica', file, '--key-file', keyFile, '--months', '12', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+ rotations from \d{4}-\d{2} over 12 months, cost -?\d+\.\d{2}, \d+ unplanned; model \d+ columns × \d+ rows in \d+ ms; wrote .*plan\.json\n$/);
    const plan = JSON.parse(readFileSync(out, 'utf8')) as Plan;
    expect(existsSync(`${out}.partial`)).toBe(false);

    // Independently from the replica: the holdings expiring before the horizon ends, and the floors.
    const db = openReplica(file, key, { readonly: true }).db;
    try {
      const asOf = (db.prepare('SELECT max(data_as_of) AS t FROM region_heads').get() as { t: string }).t;
      const y = Number(asOf.slice(0, 4));
      const m = Number(asOf.slice(5, 7));
      const firstMonth = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      const endDate = m === 12 ? `${y + 2}-01-01` : `${y + 1}-${String(m + 1).padStart(2, '0')}-01`;
      const due = db
        .prepare(`SELECT ls.lot_id AS lot, ls.depot, ls.quantity, l.expiry_date AS expiry FROM lot_stock ls JOIN lots l ON l.id = ls.lot_id WHERE ls.quantity > 0 AND l.expiry_date < ?`)
        .all(endDate) as { lot: string; depot: string; quantity: number; expiry: string }[];
      expect(due.length).toBeGreaterThan(10);
      const key2 = (lot: string, depot: string) => `${lot}|${depot}`;
      const planned = new Set([...plan.rotations.map((x) => key2(x.lot, x.depot)), ...plan.unplanned.map((x) => key2(x.lot, x.depot))]);
      expect(planned).toEqual(new Set(due.map((d) => key2(d.lot, d.depot))));
      expect(plan.rotations.length).toBeGreaterThan(0);
      const dueOf = new Map(due.map((d) => [key2(d.lot, d.depot), d]));
      for (const x of plan.rotations) {
        const d = dueOf.get(key2(x.lot, x.depot))!;
        expect(x.quantity).toBe(d.quantity);
        expect(x.month >= firstMonth).toBe(true);
        expect(x.month < d.expiry.slice(0, 7)).toBe(true);
        expect(x.month <= x.sellBy).toBe(true);
      }
      for (const u of plan.unplanned) expect(u.reason).toMatch(/sellBy|floor|handling/);

      const floors = new Map(
        (
          db
            .prepare(
              `WITH shares AS (SELECT class, max(safety_floor_share) AS s FROM categories GROUP BY class)
               SELECT d.code AS depot, s.class, s.s * json_extract(d.capacity, '$.' || s.class) AS floor FROM depots d JOIN shares s WHERE json_extract(d.capacity, '$.' || s.class) IS NOT NULL`,
            )
            .all() as { depot: string; class: string; floor: number }[]
        ).map((f) => [`${f.depot}|${f.class}`, f.floor]),
      );
      expect(plan.floorByMonth.length).toBeGreaterThan(0);
      for (const f of plan.floorByMonth) {
        expect(f.floor).toBeCloseTo(floors.get(`${f.depot}|${f.class}`)!, 6);
        if (!f.belowFloorAtStart) expect(f.held).toBeGreaterThanOrEqual(f.floor - 1e-9);
      }
    } finally {
      db.close();
    }
  });
});
