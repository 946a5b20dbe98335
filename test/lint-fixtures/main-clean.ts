import { readFileSync } from 'node:fs';
import { openReplica } from '../core/replica/x';
import { channelNames } from '../shared/contract';

export const run = () => [readFileSync, openReplica, channelNames];
