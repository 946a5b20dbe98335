import { createProjector, type Projector } from '../projector/projector';
import { REPLICA_MIGRATIONS } from './migrations';
import { openEncryptedDb, type Db, type OpenOptions } from './open';
import { createReplicaQueries, type ReplicaQueries } from './queries';

export interface Replica {
  file: string;
  db: Db;
  projector: Projector;
  queries: ReplicaQueries;
  close(): void;
}

/** Opens the encrypted client replica: schema migrated, projector and queries ready. */
export function openReplica(file: string, key: Buffer, options: OpenOptions = {}): Replica {
  const db = openEncryptedDb(file, key, REPLICA_MIGRATIONS, options);
  return {
    file,
    db,
    projector: createProjector(db),
    queries: createReplicaQueries(db),
    close: () => db.close(),
  };
}
