import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initPki, issueCertificate, loadIdentityFile, type Identity } from '../../../src/core/pki';
import { createCheckpointStore, signCheckpoint } from '../../../src/core/checkpoint/checkpoints';
import { createKeyFile } from '../../../src/core/replica/key-file';
import { openReplica } from '../../../src/core/replica/replica';
import type { SealedEvent } from '../../../src/shared/domain/events';
import { sealAll } from '../../helpers/small-log';
import { regionLog } from '../../seed/fixtures';

export const REGION = '110000';

export interface SignedReplica {
  dir: string;
  file: string;
  keyFile: string;
  key: Buffer;
  rootFile: string;
  rootPem: string;
  server: Identity;
  /** The region's sealed log as written. */
  log: SealedEvent[];
  checkpointSeqs: number[];
  remove(): void;
}

/**
 * A real encrypted replica of the national reference log and one province's tiny seed log,
 * with checkpoints signed by a regional server certificate of the project's own PKI.
 */
export function buildSignedReplica(): SignedReplica {
  const dir = mkdtempSync(join(tmpdir(), 'inrs-audit-'));
  const pkiDir = join(dir, 'pki');
  const { rootPem, rootCert } = initPki(pkiDir);
  const p12 = join(dir, 'server.p12');
  issueCertificate(pkiDir, { kind: 'server', region: REGION, name: 'beijing-1', out: p12 });
  const server = loadIdentityFile(p12);
  const file = join(dir, 'replica.db');
  const keyFile = join(dir, 'replica.key');
  const key = createKeyFile(keyFile);
  const replica = openReplica(file, key, { create: true });
  replica.projector.applyBatch('000000', sealAll(regionLog('000000')));
  const log = sealAll(regionLog(REGION));
  replica.projector.applyBatch(REGION, log);
  const checkpointSeqs = [100, 200, log.length];
  const store = createCheckpointStore(replica.db);
  for (const seq of checkpointSeqs) store.save(signedAt(server, seq, log[seq - 1]?.hash ?? ''));
  replica.db.pragma('wal_checkpoint(TRUNCATE)');
  replica.close();
  return {
    dir,
    file,
    keyFile,
    key,
    rootFile: rootCert,
    rootPem,
    server,
    log,
    checkpointSeqs,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function signedAt(server: Identity, seq: number, hash: string, region = REGION) {
  return signCheckpoint({ region, seq, hash, time: new Date().toISOString() }, server.keyPem, server.chainPem);
}
