import type { Migration } from '../migrate';
import { migration001 } from './001-initial';

/** Every schema migration, in order. Add a numbered file; never edit an applied one. */
export const REPLICA_MIGRATIONS: readonly Migration[] = [migration001];
