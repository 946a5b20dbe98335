import { join } from 'node:path';
import { STORE_FILE, STORE_KEY_FILE } from '../../core/regional/regional-store';
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

export function openAuditTarget(values: { replica?: string | undefined; 'key-file'?: string | undefined; data?: string | undefined }): AuditTarget {
  if (values.data) {
    if (values.replica || values['key-file']) throw new CliError('give either --data DIR or --replica FILE --key-file FILE, not both');
    const file = join(values.data, STORE_FILE);
    const key = readKeyFile(join(values.data, STORE_KEY_FILE));
    return { replica: openReplica(file, key, { readonly: true }), label: file, allowSnapshot: false };
  }
  if (!values.replica || !values['key-file']) throw new CliError('missing --replica FILE --key-file FILE (or --data DIR for a server store)');
  const key = readKeyFile(values['key-file']);
  return { replica: openReplica(values.replica, key, { readonly: true }), label: values.replica, allowSnapshot: true };
}
