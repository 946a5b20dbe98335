import { runReplicaBench } from './replica.bench';
import type { SeedScale } from '../src/core/seed';

/**
 * `npm run bench [-- --quick]`: every benchmark, figures written to bench/results/.
 * --quick measures open/aggregate at demo scale only (the national replica takes minutes to seed).
 */
const quick = process.argv.includes('--quick');
const scales: SeedScale[] = quick ? ['demo'] : ['demo', 'national'];
const file = runReplicaBench(scales);
process.stdout.write(`wrote ${file}\n`);
