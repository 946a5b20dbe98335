import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inrs } from '../audit/support/cli';

const dir = mkdtempSync(join(tmpdir(), 'inrs-backup-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('inrs backup: usage', () => {
  it('lists create, verify, restore and catch-up in --help', () => {
    const help = inrs(['--help']).stdout;
    for (const command of ['backup create', 'backup verify', 'backup restore', 'backup catch-up']) expect(help).toContain(`inrs ${command}`);
  });

  it('refuses missing options and a file that is no backup, in one line naming it', () => {
    const missing = inrs(['backup', 'restore', '--data', join(dir, 'new')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe('inrs: missing --file');
    const notBackup = join(dir, 'notes.txt');
    writeFileSync(notBackup, 'hello\n');
    writeFileSync(join(dir, 'root.crt'), '');
    const r = inrs(['backup', 'verify', '--file', notBackup, '--root', join(dir, 'root.crt')]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`inrs: ${notBackup}: not-a-backup: does not start with the INRS-BACKUP 1 line`);
  });

  it('refuses to restore into a folder that is not empty before reading any backup', () => {
    const occupied = join(dir, 'occupied');
    mkdirSync(occupied);
    writeFileSync(join(occupied, 'store.db'), 'precious');
    writeFileSync(join(dir, 'k.key'), `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    const r = inrs(['backup', 'restore', '--file', join(dir, 'absent.inrsbak'), '--data', occupied, '--backup-key', join(dir, 'k.key'), '--root', join(dir, 'root.crt')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${occupied}: not-empty`);
  });
});
