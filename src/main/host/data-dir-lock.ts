import { basename, dirname, join, resolve } from 'node:path';
import { FolderLockedError, HOST_LOCK_FILE, lockFolder } from '../../core/locks/dir-lock';
import type { DisposableStore } from '../../shared/disposables';
import { OFFICER_DIR } from './demo-officer';

export interface HostFolderChoice {
  /** The host opens a replica of its own (--replica): that replica is locked instead of the data folder. */
  replica?: string | undefined;
  dataDir: string;
  /** The second demo officer keeps its own replica in a sub-folder of the demo's. */
  officer: boolean;
}

export interface HostLock {
  /** Records the address this host serves, printed by a second instance that is refused. */
  announce(url: string): void;
}

/**
 * One host per data folder: the demo's replica and its embedded servers' stores live there, and
 * two hosts on them would apply the same batches twice. A host on its own replica (--replica)
 * locks that replica (`FILE.lock` beside it) instead. A second host is refused with the first
 * one's pid and address; a lock left by a process that died is taken over. Released on
 * shutdown (the disposables run it last, after the servers have closed).
 */
export function lockHostDataDir(choice: HostFolderChoice, disposables: DisposableStore, log: (line: string) => void): HostLock {
  const ownReplica = choice.replica && !choice.officer ? resolve(choice.replica) : null;
  const folder = ownReplica ? dirname(ownReplica) : choice.officer ? join(choice.dataDir, OFFICER_DIR) : choice.dataDir;
  const what = ownReplica ? `the replica ${ownReplica}` : `the data folder ${folder}`;
  try {
    const name = ownReplica ? `${basename(ownReplica)}.lock` : HOST_LOCK_FILE;
    const lock = lockFolder(folder, { name, holder: 'INRS Command Center host', log });
    disposables.add(() => lock.release());
    return { announce: (url) => lock.setUrl(url) };
  } catch (err) {
    if (!(err instanceof FolderLockedError)) throw err;
    const { pid, url } = err.owner;
    const open = url ? `\nOpen its address in a browser instead:\n${url}` : '';
    throw new Error(`INRS Command Center is already running on ${what} (process ${pid}); a second instance would share its stores.${open}`);
  }
}
