import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { createKeyFile } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { seedInto } from '../../src/core/seed/seed-replica';
import { TINY } from '../seed/fixtures';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A real encrypted replica seeded with the tiny national dataset, in a temp dir removed after the file's tests. */
export function seededTinyReplica(): { dir: string; file: string; keyFile: string; key: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'inrs-briefing-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'reserve.db');
  const keyFile = join(dir, 'reserve.key');
  const key = createKeyFile(keyFile);
  const replica = openReplica(file, key, { create: true });
  seedInto(replica, TINY);
  replica.close();
  return { dir, file, keyFile, key };
}

/** `node bin/inrs.mjs …` with no display in the environment, as on a headless laptop. */
export function inrsHeadless(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const r = spawnSync(process.execPath, ['bin/inrs.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A poppler tool's output (pdftotext, pdfinfo, pdffonts): an independent reader of the PDF. */
export function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdffonts', args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Beijing time of an ISO instant, computed here by hand: "2025-06-30 19:58". */
export function beijing(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
