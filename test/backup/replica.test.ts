import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStore } from '../../src/core/audit/verify';
import { createBackup, manifestFileOf } from '../../src/core/backup/create';
import { restoreBackups } from '../../src/core/backup/restore';
import { replicaTarget, serverTarget } from '../../src/core/backup/source';
import { verifyBackup } from '../../src/core/backup/verify';
import { issueCertificate, loadIdentityFile, type Identity } from '../../src/core/pki';
import { createKeyFile, readKeyFile } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { regionStateHash } from '../../src/core/replica/state-hash';
import { sealAll } from '../helpers/small-log';
import { regionLog } from '../seed/fixtures';
import { backupWorld, type BackupWorld } from './support';

const REGION = '110000';
let world: BackupWorld;
let officer: Identity;
beforeAll(() => {
  world = backupWorld();
  const p12 = join(world.dir, 'officer.p12');
  issueCertificate(join(world.dir, 'pki'), { kind: 'client', region: REGION, role: 'duty-officer', name: 'officer-1', out: p12 });
  officer = loadIdentityFile(p12);
});
afterAll(() => world.remove());

describe('backup and restore of a workstation replica', () => {
  it('a full backup and an incremental of a replica, signed by the workstation identity, restore to a replica equal to the source', () => {
    const file = join(world.dir, 'replica.db');
    const keyFile = join(world.dir, 'replica.key');
    const replica = openReplica(file, createKeyFile(keyFile), { create: true });
    const log = sealAll(regionLog(REGION));
    const half = Math.floor(log.length / 2);
    replica.projector.applyBatch('000000', sealAll(regionLog('000000')));
    replica.projector.applyBatch(REGION, log.slice(0, half));
    const source = replicaTarget(file, keyFile);
    const full = join(world.dir, 'replica-full.inrsbak');
    createBackup({ source, out: full, backupKey: world.backupKey, identity: officer });
    replica.projector.applyBatch(REGION, log.slice(half));
    const inc = join(world.dir, 'replica-inc.inrsbak');
    const m = createBackup({ source, out: inc, backupKey: world.backupKey, identity: officer, incrementalFrom: manifestFileOf(full) });
    expect(m.source).toBe('replica');
    expect(m.logs.find((l) => l.region === REGION)).toMatchObject({ firstSeq: half + 1, lastSeq: log.length });
    const expected = { head: replica.projector.headOf(REGION), state: regionStateHash(replica.db, REGION) };
    replica.close();

    expect(verifyBackup(inc, world.rootPem, world.backupKey).signer).toContain('officer-1');
    // A replica backup is no server store: restoring it with --data is refused by name.
    expect(() => restoreBackups({ files: [full, inc], target: serverTarget(join(world.dir, 'as-server')), backupKey: world.backupKey, rootPem: world.rootPem })).toThrow(
      `${full}: usage: is a backup of a workstation replica`,
    );
    const target = replicaTarget(join(world.dir, 'restored.db'), join(world.dir, 'restored.key'));
    restoreBackups({ files: [full, inc], target, backupKey: world.backupKey, rootPem: world.rootPem });
    const restored = openReplica(target.file, readKeyFile(target.keyFile), { readonly: true });
    try {
      expect(restored.projector.headOf(REGION)).toEqual(expected.head);
      expect(regionStateHash(restored.db, REGION)).toBe(expected.state);
      expect(verifyStore(restored.db, target.file, { rootPem: world.rootPem, allowSnapshot: true, replay: true }).firstProblem).toBeNull();
    } finally {
      restored.close();
    }
  });
});
