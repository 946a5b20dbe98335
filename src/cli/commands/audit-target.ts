import { join } from 'node:path';
import { describeDamageLocation, locateDamage } from '../../core/audit/locate-damage';
import { STORE_FILE, STORE_KEY_FILE } from '../../core/regional/regional-store';
import { ReplicaError } from '../../core/replica/errors';
import { readKeyFile } from '../../core/replica/key-file';
import { openReplica, type Replica } from '../../core/replica/replica';
import { CliError } from '../cli-error';

/** The store an audit reads: a client replica (--replica, --key-file) or a server data dir (--data). */
export interface AuditTarget {
  replica: Replica;
  label: string;
  /** Replicas may hold a region from a snapshot on; a server's own store never does. */
  allowSnapshot: boolean;
}

/**
 * Opens the store with every page checked. A damaged store fails the audit naming the file and
 * the page, and, where the event log can be read up to the damage, the region and seq it follows.
 */
function openChecked(file: string, key: Buffer): Replica {
  try {
    return openReplica(file, key, { readonly: true, pageCheck: 'full' });
  } catch (err) {
    if (!(err instanceof ReplicaError) || err.code !== 'corrupt') throw err;
    let where = '';
    try {
      const raw = openReplica(file, key, { readonly: true, pageCheck: 'none' });
      try {
        where = `; ${describeDamageLocation(locateDamage(raw.db))}`;
      } finally {
        raw.close();
      }
    } catch {
      // Too damaged to open at all: the page is all the audit can name.
    }
    throw new CliError(`audit failed: ${err.message}${where}`, 1);
  }
}

export function openAuditTarget(values: { replica?: string | undefined; 'key-file'?: string | undefined; data?: string | undefined }): AuditTarget {
  if (values.data) {
    if (values.replica || values['key-file']) throw new CliError('give either --data DIR or --replica FILE --key-file FILE, not both');
    const file = join(values.data, STORE_FILE);
    const key = readKeyFile(join(values.data, STORE_KEY_FILE));
    return { replica: openChecked(file, key), label: file, allowSnapshot: false };
  }
  if (!values.replica || !values['key-file']) throw new CliError('missing --replica FILE --key-file FILE (or --data DIR for a server store)');
  const key = readKeyFile(values['key-file']);
  return { replica: openChecked(values.replica, key), label: values.replica, allowSnapshot: true };
}
