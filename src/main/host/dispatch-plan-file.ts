import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../../core/pki/files';
import { savedDispatchPlanSchema, type SavedDispatchPlan } from '../../shared/contract';

const fileSchema = z.object({ format: z.literal(1), plans: z.array(savedDispatchPlanSchema) });

/** The scenario regions a plan is kept under. */
export const planRegions = (plan: SavedDispatchPlan): string[] => [...plan.recommendation.scenario.regions].sort();
const keyOf = (plan: SavedDispatchPlan) => planRegions(plan).join(',');

/**
 * The saved dispatch plans, one per set of scenario regions, in a file of the data folder
 * (mode 0600: it names depots and quantities); in memory when the host has no file for it. A file
 * that does not parse is reported and set aside, never half-read.
 */
export function createPlanFile(file: string | null, log: (line: string) => void = () => {}) {
  let memory: SavedDispatchPlan[] = [];
  const read = (): SavedDispatchPlan[] => {
    if (!file) return memory;
    if (!existsSync(file)) return [];
    try {
      return fileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).plans;
    } catch (err) {
      log(`dispatch plan file ${file} is unreadable and is ignored: ${(err as Error).message}`);
      return [];
    }
  };
  const write = (plans: SavedDispatchPlan[]): void => {
    if (!file) {
      memory = plans;
      return;
    }
    writeFileAtomic(file, `${JSON.stringify({ format: 1, plans })}\n`, 0o600);
  };
  return {
    all: read,
    save(plan: SavedDispatchPlan): void {
      write([...read().filter((p) => keyOf(p) !== keyOf(plan)), plan]);
    },
    /** Keeps only the plans `keep` accepts; writes only when one goes. */
    retain(keep: (plan: SavedDispatchPlan) => boolean): SavedDispatchPlan[] {
      const plans = read();
      const kept = plans.filter(keep);
      if (kept.length !== plans.length) write(kept);
      return kept;
    },
  };
}

export type PlanFile = ReturnType<typeof createPlanFile>;
