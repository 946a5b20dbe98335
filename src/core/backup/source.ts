import { join } from 'node:path';
import { STORE_FILE, STORE_KEY_FILE } from '../regional/regional-store';
import { readKeyFile } from '../replica/key-file';

/** What is backed up or restored into: a server's data folder, or a workstation replica and its key. */
export type StoreTarget = { kind: 'server'; dir: string; file: string; keyFile: string } | { kind: 'replica'; file: string; keyFile: string };

export function serverTarget(dir: string): StoreTarget {
  return { kind: 'server', dir, file: join(dir, STORE_FILE), keyFile: join(dir, STORE_KEY_FILE) };
}

export function replicaTarget(file: string, keyFile: string): StoreTarget {
  return { kind: 'replica', file, keyFile };
}

export const targetKey = (target: StoreTarget): Buffer => readKeyFile(target.keyFile);
