import type { Migration } from '../migrate';
import { migration001 } from './001-initial';
import { migration002 } from './002-checkpoints';
import { migration003 } from './003-situation-indexes';
import { migration004 } from './004-lifecycle-alerts';
import { migration005 } from './005-emergency';
import { migration006 } from './006-replay-index';
import { migration007 } from './007-depot-plan';
import { migration008 } from './008-situation-summaries';
import { migration009 } from './009-registry';
import { migration010 } from './010-alert-rules';

/** Every schema migration, in order. Add a numbered file; never edit an applied one. */
export const REPLICA_MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010];
