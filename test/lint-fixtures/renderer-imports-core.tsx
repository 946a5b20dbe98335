import { openReplica } from '../../core/replica/x';

export const open = openReplica;
