import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportBriefing } from '../../src/core/briefing';
import { exportFromHost } from '../../src/core/briefing/host-export';
import { openPackage, packBriefing } from '../../src/core/briefing/package';
import type { Identity } from '../../src/core/pki';
import { createKeyFile, readKeyFile } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { ReplicaClient } from '../../src/core/replica/replica-client';
import { makePki, useSharedDir } from '../pki/fixtures';
import { seededTinyReplica } from './support';

/** Everything written that holds reserve data is 0600, every folder made for it 0700, whatever the umask allows. */
const base = seededTinyReplica();
const shared = useSharedDir();
let officer: Identity;
let rootPem: string;
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

beforeAll(() => {
  const pki = makePki(shared());
  rootPem = readFileSync(join(pki.dir, 'root.crt'), 'utf8');
  officer = pki.identity(pki.issue('wangfang.p12', { kind: 'client', region: '430000', role: 'duty-officer', name: 'wangfang', days: 7 }));
}, 120_000);

describe('file modes of everything exported', () => {
  it('inrs briefing export: the PDF is 0600', () => {
    const replica = openReplica(base.file, base.key, { readonly: true });
    try {
      const out = join(base.dir, 'export.pdf');
      exportBriefing(replica.db, { out, generatedBy: 'test', region: '430000' });
      expect(mode(out)).toBe('600');
    } finally {
      replica.close();
    }
  }, 120_000);

  it("the app's briefing export: the briefings folder 0700, the PDF 0600, a second one in the same second beside it", async () => {
    const client = await ReplicaClient.open({ file: base.file, key: base.key });
    try {
      const now = new Date();
      const result = await exportFromHost(client, base.file, { region: '430000' }, null, now);
      expect(mode(join(base.dir, 'briefings'))).toBe('700');
      expect(mode(result.file)).toBe('600');
      // A second export of the same scope in the same second gets its own file.
      const again = await exportFromHost(client, base.file, { region: '430000' }, null, now);
      expect(again.file).toBe(result.file.replace(/\.pdf$/, '-2.pdf'));
    } finally {
      await client.close();
    }
  }, 120_000);

  it('an opened briefing package: its folder 0700, every file in it 0600', () => {
    const replica = openReplica(base.file, base.key, { readonly: true });
    const pkg = join(base.dir, 'hunan.inrsbrief');
    try {
      packBriefing(replica.db, { identity: officer, regions: ['430000'], expiresAt: new Date(Date.now() + 86_400_000).toISOString(), out: pkg });
    } finally {
      replica.close();
    }
    expect(mode(pkg)).toBe('600');
    const dir = join(base.dir, 'opened');
    openPackage(pkg, dir, { rootPem });
    expect(mode(dir)).toBe('700');
    const files = readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['briefing.pdf', 'manifest.json', 'replica.db', 'replica.key']));
    for (const f of files) expect(`${f} ${mode(join(dir, f))}`).toBe(`${f} 600`);
  }, 120_000);

  it("a replica and its -wal and -shm are 0600; an older replica's are brought to 0600 on open", () => {
    const dir = join(base.dir, 'modes');
    mkdirSync(dir);
    const file = join(dir, 'new.db');
    const key = createKeyFile(join(dir, 'new.key'));
    const replica = openReplica(file, key, { create: true });
    try {
      replica.db.exec('CREATE TABLE scratch (x INTEGER) STRICT; INSERT INTO scratch VALUES (1)');
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(`${f} ${mode(f)}`).toBe(`${f} 600`);
    } finally {
      replica.close();
    }
    chmodSync(file, 0o644);
    const again = openReplica(file, readKeyFile(join(dir, 'new.key')));
    try {
      for (const f of [file, `${file}-wal`, `${file}-shm`].filter((p) => existsSync(p))) expect(`${f} ${mode(f)}`).toBe(`${f} 600`);
    } finally {
      again.close();
    }
  });
});
