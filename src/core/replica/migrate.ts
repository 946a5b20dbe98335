import type Database from 'better-sqlite3-multiple-ciphers';
import { ReplicaError } from './errors';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/**
 * Applies each pending migration in its own transaction together with its user_version,
 * and refuses a database written by a newer version of the app.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], file: string, readonly: boolean): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new ReplicaError('newer-schema', file, `schema version ${current} is newer than this app supports (${latest}); update the app`);
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  if (readonly) throw new ReplicaError('newer-schema', file, `schema version ${current} is older than ${latest}; open it read-write once to upgrade`);
  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${Number(migration.version)}`);
    })();
  }
}
