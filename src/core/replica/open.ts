import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import { keepPrivate, PRIVATE_FILE_MODE } from '../private-files';
import { diagnoseCipherFile } from './cipher-diagnosis';
import { ReplicaError } from './errors';
import { migrate, type Migration } from './migrate';
import { checkPagesOnOpen, describePageProblem } from './page-integrity';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file when it does not exist (seeding, first start). */
  create?: boolean;
  readonly?: boolean;
  /**
   * How much of an existing file's pages are checked before it is used: a sample (the default;
   * the host then checks the rest in the background), every page, or none.
   */
  pageCheck?: 'sample' | 'full' | 'none';
}

/**
 * SQLCipher 4 defaults (AES-256-CBC, HMAC-SHA512, 4096-byte pages) with a raw 32-byte key,
 * so a standard SQLCipher 4 tool opens the file with PRAGMA key = "x'<64 hex>'".
 */
function applyKey(db: Db, key: Buffer): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  // The key is hex we produced ourselves; PRAGMA cannot take a bound parameter.
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

function explainOpenFailure(file: string, key: Buffer, err: unknown): ReplicaError {
  const diagnosis = diagnoseCipherFile(file, key);
  switch (diagnosis.kind) {
    case 'empty':
      return new ReplicaError('not-a-replica', file, 'file is empty, not a replica');
    case 'plaintext-sqlite':
      return new ReplicaError('plaintext', file, 'file is an unencrypted SQLite database, not an encrypted replica');
    case 'bad-size':
      return new ReplicaError('not-a-replica', file, `not a replica: its size (${diagnosis.size} bytes) is not a whole number of 4096-byte pages`);
    case 'key-mismatch':
      return new ReplicaError('wrong-key', file, 'wrong key: no page of the file decrypts with it (or the file is not a replica)');
    case 'first-page-damaged':
      return new ReplicaError('corrupt', file, 'the key is right but the first page is damaged (corrupt file)');
    case 'key-matches': {
      // SQLite says only "malformed": name the page where the file can tell.
      const problem = checkPagesOnOpen(file, key, true);
      if (problem) return new ReplicaError('corrupt', file, `refused: the key is right but ${describePageProblem(problem)}`);
      return new ReplicaError('corrupt', file, `the key is right but the database is corrupt (${(err as Error).message})`);
    }
  }
}

/** Opens (or creates) an encrypted store and brings its schema up to date. */
export function openEncryptedDb(file: string, key: Buffer, migrations: readonly Migration[], options: OpenOptions = {}): Db {
  const exists = existsSync(file);
  if (!exists && !options.create) throw new ReplicaError('missing-file', file, 'replica file not found');
  // SQLite would happily turn an empty file into a new database; an existing empty file is a mistake.
  if (exists && statSync(file).size === 0) throw new ReplicaError('not-a-replica', file, 'file is empty, not a replica');
  // Created 0600 here, not by SQLite (0644 less the umask); its -wal and -shm take the file's mode.
  if (!exists) closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  const db = new Database(file, { fileMustExist: exists, readonly: options.readonly ?? false });
  try {
    applyKey(db, key);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      throw explainOpenFailure(file, key, err);
    }
    const pageCheck = options.pageCheck ?? 'sample';
    if (exists && pageCheck !== 'none') {
      const problem = checkPagesOnOpen(file, key, pageCheck === 'full');
      if (problem) throw new ReplicaError('corrupt', file, `refused: ${describePageProblem(problem)}`);
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      // A replica made by an older version (or copied in) is brought to 0600 with its WAL files.
      keepPrivate([file, `${file}-wal`, `${file}-shm`]);
    }
    migrate(db, migrations, file, options.readonly ?? false);
    return db;
  } catch (err) {
    db.close();
    // A file this call created is not left behind half made.
    if (!exists) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    throw err;
  }
}
