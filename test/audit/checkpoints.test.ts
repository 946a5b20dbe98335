import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStore, type VerifyOptions } from '../../src/core/audit/verify';
import { createCheckpointStore } from '../../src/core/checkpoint/checkpoints';
import { initPki } from '../../src/core/pki';
import { applyRegionSnapshot, readRegionSnapshotRows } from '../../src/core/replica/apply-snapshot';
import type { Db } from '../../src/core/replica/open';
import { openReplica } from '../../src/core/replica/replica';
import { regionStateHash } from '../../src/core/replica/state-hash';
import { sealAll } from '../helpers/small-log';
import { regionLog } from '../seed/fixtures';
import { buildSignedReplica, REGION, signedAt, type SignedReplica } from './support/signed-replica';

/** Checkpoints, forks, heads, snapshots and projected state, each on a real encrypted replica. */
let base: SignedReplica;
let n = 0;

beforeAll(() => {
  base = buildSignedReplica();
}, 120_000);
afterAll(() => base?.remove());

/** Audits a copy of the replica after `change`. */
function auditAfter(change: (db: Db) => void, options: Partial<VerifyOptions> = {}) {
  const file = join(base.dir, `copy-${n++}.db`);
  copyFileSync(base.file, file);
  const writer = openReplica(file, base.key);
  change(writer.db);
  writer.close();
  const reader = openReplica(file, base.key, { readonly: true });
  try {
    return verifyStore(reader.db, file, { rootPem: base.rootPem, allowSnapshot: true, replay: false, ...options });
  } finally {
    reader.close();
  }
}

describe('checkpoints', () => {
  it('two signed checkpoints with different hashes at one seq are a fork', () => {
    const report = auditAfter((db) => createCheckpointStore(db).save(signedAt(base.server, 200, 'a'.repeat(64))));
    expect(report.firstProblem).toMatchObject({ region: REGION, seq: 200, kind: 'fork' });
    expect(report.firstProblem?.message).toMatch(/2 checkpoints sign different hashes/);
  });

  it('a checkpoint whose signature does not verify is named', () => {
    const report = auditAfter((db) => db.prepare(`UPDATE checkpoints SET time = '2020-01-01T00:00:00.000Z' WHERE seq = 100`).run());
    expect(report.firstProblem).toMatchObject({ seq: 100, kind: 'checkpoint' });
    expect(report.firstProblem?.message).toMatch(/signature does not verify|not valid at the checkpoint time/);
  });

  it('a validly signed checkpoint over another hash shows the log was rewritten', () => {
    const report = auditAfter((db) => createCheckpointStore(db).save(signedAt(base.server, 150, 'b'.repeat(64))));
    expect(report.firstProblem).toMatchObject({ seq: 150, kind: 'checkpoint' });
    expect(report.firstProblem?.message).toMatch(/rewritten at or before seq 150/);
  });

  it('without --root the signer chain is its own anchor, reported as unanchored', () => {
    const report = auditAfter(() => undefined, { rootPem: null });
    expect(report).toMatchObject({ ok: true, anchored: false });
  });

  it('a foreign national root does not anchor the checkpoints', () => {
    const other = mkdtempSync(join(tmpdir(), 'inrs-foreign-'));
    try {
      const { rootPem } = initPki(join(other, 'pki'));
      const report = auditAfter(() => undefined, { rootPem });
      expect(report.firstProblem).toMatchObject({ seq: 100, kind: 'checkpoint' });
      expect(report.firstProblem?.message).toMatch(/does not lead to the national root/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('heads and projected state', () => {
  it('a rewritten region head is named', () => {
    const report = auditAfter((db) => db.prepare(`UPDATE region_heads SET head_hash = ? WHERE region = ?`).run('c'.repeat(64), REGION));
    expect(report.firstProblem).toMatchObject({ seq: base.log.length, kind: 'head' });
  });

  it('projected rows that a replay does not reproduce are named with their tables', () => {
    const report = auditAfter(
      (db) => db.prepare(`UPDATE lot_stock SET quantity = quantity + 1 WHERE depot IN (SELECT code FROM depots WHERE region = ?) AND quantity > 0`).run(REGION),
      { replay: true },
    );
    expect(report.firstProblem).toMatchObject({ region: REGION, kind: 'state', seq: base.log.length });
    expect(report.firstProblem?.message).toMatch(/lot_stock/);
    expect(report.regions.find((r) => r.region === '000000')?.state).toBe('equal');
  });
});

describe('a region received as a snapshot', () => {
  it('is verified from the snapshot checkpoint on, and not replayed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inrs-snap-'));
    try {
      const log = base.log;
      const at = 100;
      const national = sealAll(regionLog('000000'));
      // The server's state at seq 100, as a snapshot frame would carry it.
      const server = openReplica(join(dir, 'server.db'), base.key, { create: true });
      server.projector.applyBatch('000000', national);
      server.projector.applyBatch(REGION, log.slice(0, at));
      const snapshot = {
        region: REGION,
        seq: at,
        hash: log[at - 1]?.hash ?? '',
        dataAsOf: null,
        tables: readRegionSnapshotRows(server.db, REGION),
        stateHash: regionStateHash(server.db, REGION),
      };
      server.close();
      const file = join(dir, 'client.db');
      const client = openReplica(file, base.key, { create: true });
      client.projector.applyBatch('000000', national);
      applyRegionSnapshot(client.db, snapshot);
      createCheckpointStore(client.db).save(signedAt(base.server, at, snapshot.hash));
      client.projector.applyBatch(REGION, log.slice(at));
      const replicaReport = verifyStore(client.db, file, { rootPem: base.rootPem, allowSnapshot: true, replay: true });
      const serverReport = verifyStore(client.db, file, { rootPem: base.rootPem, allowSnapshot: false, replay: false });
      client.close();

      const region = replicaReport.regions.find((r) => r.region === REGION);
      expect(replicaReport.ok).toBe(true);
      expect(region).toMatchObject({ status: 'verified-from-snapshot', fromSnapshot: at, firstSeq: at + 1, state: 'skipped' });
      expect(region?.stateNote).toMatch(/snapshot at seq 100/);
      // A server store never holds a snapshot: the same gap is missing events.
      expect(serverReport.firstProblem).toMatchObject({ region: REGION, seq: 1, kind: 'missing' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
