import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** `node bin/inrs.mjs …` from this checkout, as an operator runs it. */
export function inrs(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/inrs.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Changes one byte of one event's payload with plain SQLite and the right key, as someone
 * holding the key file could: SQLCipher 4 settings, raw key, nothing of the project's code.
 */
export function flipPayloadByte(file: string, key: Buffer, region: string, seq: number): void {
  const db = new Database(file);
  try {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    const payload = db.prepare<[string, number], string>('SELECT payload FROM events WHERE region = ? AND seq = ?').pluck().get(region, seq);
    if (payload === undefined) throw new Error(`no event ${region}/${seq}`);
    // A digit of a quantity or date: still valid JSON, one byte different.
    const at = payload.search(/[0-8]/);
    const edited = `${payload.slice(0, at)}${String(Number(payload[at]) + 1)}${payload.slice(at + 1)}`;
    db.prepare('UPDATE events SET payload = ? WHERE region = ? AND seq = ?').run(edited, region, seq);
  } finally {
    db.close();
  }
}
