import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { catchUpFromReplica } from '../../core/backup/catch-up';
import { createBackup } from '../../core/backup/create';
import { checkOrder, restoreBackups } from '../../core/backup/restore';
import { replicaTarget, serverTarget, type StoreTarget } from '../../core/backup/source';
import { describeRange, verifyBackup } from '../../core/backup/verify';
import { lockFolder, STORE_LOCK_FILE } from '../../core/locks/dir-lock';
import { loadIdentityFile } from '../../core/pki';
import { ensureKeyFile, readKeyFile } from '../../core/replica/key-file';
import { CliError, requireOption } from '../cli-error';

export const backupCreateHelp = `inrs backup create (--data DIR | --replica FILE --key-file FILE) --out FILE --backup-key FILE
                   --identity FILE.p12 [--identity-passphrase-file F] [--incremental-from PREVIOUS]
  A full backup of a server store (or a workstation replica), or with --incremental-from (a
  previous backup or its FILE.manifest.json) the log segment since it: every region's events
  after the previous heads, newer signed checkpoints and the command ledger. Consistent while
  the server runs (one read transaction). Encrypted with the backup key (created 0600 when
  absent: keep a copy offline): a full copy is SQLCipher 4, a segment AES-256-GCM. The manifest
  (region, first/last seq, head hash, time, previous backup, payload SHA-256) is signed by the
  identity (a server backup: the server's own) and also written to FILE.manifest.json.`;

export const backupVerifyHelp = `inrs backup verify --file FILE[,FILE…] --root ROOT.crt [--backup-key FILE] [--json]
  Checks each file's signer chain to the national root, the payload SHA-256 against the signed
  manifest and, with the backup key, the hash chain inside; several files, their order as a chain.
  Exits 1 naming the file and what is wrong: tampered, bad-signature, wrong-signer, wrong-key,
  broken-chain, reordered, missing-incremental.`;

export const backupRestoreHelp = `inrs backup restore --file FULL[,INCREMENTAL…] (--data NEWDIR | --replica FILE --key-file FILE)
                    --backup-key FILE --root ROOT.crt
  Checks every file and the chain across them (one full, then its incrementals in order, each
  continuing the previous head), then restores into an empty folder (or a new replica file) with
  a new store key. The store equals the source at the last manifest's seq. Refuses a non-empty
  folder; a refused restore leaves nothing behind.`;

export const backupCatchUpHelp = `inrs backup catch-up --data DIR --region ADCODE --replica FILE --key-file FILE --root ROOT.crt
                     [--accept-unsigned-tail]
  After a restore, with the server stopped: takes the region's events that a workstation replica
  synced past the backup, up to the newest checkpoint the region's server signed (checked against
  the root). Reports the events after it; --accept-unsigned-tail takes them too.`;

export const backupHelp = [backupCreateHelp, backupVerifyHelp, backupRestoreHelp, backupCatchUpHelp].join('\n\n');

function storeTarget(values: { data?: string | undefined; replica?: string | undefined; 'key-file'?: string | undefined }): StoreTarget {
  if (values.data) {
    if (values.replica || values['key-file']) throw new CliError('give either --data DIR or --replica FILE --key-file FILE, not both');
    return serverTarget(values.data);
  }
  if (!values.replica || !values['key-file']) throw new CliError('missing --data DIR (a server store) or --replica FILE --key-file FILE');
  return replicaTarget(values.replica, values['key-file']);
}

const fileList = (value: string) => value.split(',').map((f) => f.trim()).filter((f) => f !== '');

function runBackupCreate(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      replica: { type: 'string' },
      'key-file': { type: 'string' },
      out: { type: 'string' },
      'backup-key': { type: 'string' },
      identity: { type: 'string' },
      'identity-passphrase-file': { type: 'string' },
      'incremental-from': { type: 'string' },
    },
    strict: true,
  });
  const source = storeTarget(values);
  const out = requireOption(values, 'out');
  const keyFile = requireOption(values, 'backup-key');
  const identity = loadIdentityFile(requireOption(values, 'identity'), values['identity-passphrase-file']);
  const { key, created } = ensureKeyFile(keyFile);
  if (created) process.stderr.write(`created the backup key ${keyFile} (0600): keep a copy offline; no backup restores without it\n`);
  const m = createBackup({ source, out, backupKey: key, identity, ...(values['incremental-from'] ? { incrementalFrom: values['incremental-from'] } : {}) });
  process.stdout.write(`${m.kind} backup ${m.id} of region ${m.region}: seq ${m.firstSeq}..${m.lastSeq} head ${m.headHash}\nwrote ${out}\n`);
}

function runBackupVerify(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: { file: { type: 'string' }, root: { type: 'string' }, 'backup-key': { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const rootPem = readFileSync(requireOption(values, 'root'), 'utf8');
  const key = values['backup-key'] ? readKeyFile(values['backup-key']) : null;
  const results = fileList(requireOption(values, 'file')).map((file) => verifyBackup(file, rootPem, key));
  // Several files are a chain: one full, then its incrementals in order.
  if (results.length > 1) checkOrder(results);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  for (const r of results) {
    const m = r.manifest;
    process.stdout.write(
      [
        `${r.file}: verified ${m.kind} backup ${m.id}${m.previousId ? ` (continues ${m.previousId})` : ''}`,
        `  signed by ${r.signer} at ${m.createdAt}; payload SHA-256 ${m.contentHash}`,
        ...m.logs.map((l) => `  ${describeRange(l)}`),
        r.chainChecked ? '  hash chain inside: verified' : '  hash chain inside: not checked (give --backup-key)',
      ].join('\n') + '\n',
    );
  }
}

function runBackupRestore(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: { file: { type: 'string' }, data: { type: 'string' }, replica: { type: 'string' }, 'key-file': { type: 'string' }, 'backup-key': { type: 'string' }, root: { type: 'string' } },
    strict: true,
  });
  const files = fileList(requireOption(values, 'file'));
  const target = storeTarget(values);
  const result = restoreBackups({
    files,
    target,
    backupKey: readKeyFile(requireOption(values, 'backup-key')),
    rootPem: readFileSync(requireOption(values, 'root'), 'utf8'),
  });
  const m = result.manifest;
  process.stdout.write(`restored ${files.length} backup(s) into ${target.kind === 'server' ? target.dir : target.file}: region ${m.region} at seq ${m.lastSeq} head ${m.headHash} (backup ${m.id} of ${m.createdAt})\n`);
  if (result.keyCreated) process.stdout.write(`new store key ${target.keyFile} (0600)\n`);
}

function runBackupCatchUp(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      region: { type: 'string' },
      replica: { type: 'string' },
      'key-file': { type: 'string' },
      root: { type: 'string' },
      'accept-unsigned-tail': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const dir = requireOption(values, 'data');
  const region = requireOption(values, 'region');
  // The server must be stopped: its lock is taken for the time of the catch-up.
  const lock = lockFolder(dir, { name: STORE_LOCK_FILE, holder: 'backup catch-up' });
  try {
    const r = catchUpFromReplica({
      server: serverTarget(dir) as StoreTarget & { kind: 'server' },
      region,
      replicaFile: requireOption(values, 'replica'),
      replicaKeyFile: requireOption(values, 'key-file'),
      rootPem: readFileSync(requireOption(values, 'root'), 'utf8'),
      acceptUnsignedTail: values['accept-unsigned-tail'],
    });
    process.stdout.write(`region ${r.region}: head seq ${r.fromSeq} -> ${r.toSeq}; newest signed checkpoint in the replica: ${r.signedSeq ?? 'none past the head'}\n`);
    if (r.importedUnsigned > 0) process.stdout.write(`took ${r.importedUnsigned} event(s) after the signed checkpoint on the operator's word (--accept-unsigned-tail)\n`);
    else if (r.unsignedTail > 0) process.stdout.write(`gap: the replica holds ${r.unsignedTail} event(s) after seq ${r.signedSeq ?? r.fromSeq} that no signed checkpoint covers; not taken (--accept-unsigned-tail takes them)\n`);
  } finally {
    lock.release();
  }
}

function runBackupIndex(args: string[]): void {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(`${backupHelp}\n`);
    return;
  }
  throw new CliError(`unknown backup command "${args[0] ?? ''}" (create, verify, restore or catch-up)`);
}

export const backupCommands: Record<string, (args: string[]) => void> = {
  backup: runBackupIndex,
  'backup create': runBackupCreate,
  'backup verify': runBackupVerify,
  'backup restore': runBackupRestore,
  'backup catch-up': runBackupCatchUp,
};
