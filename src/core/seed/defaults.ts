/** The seed the CLI uses unless told otherwise, so two operators' seeded replicas agree. */
export const DEFAULT_SEED = 20_260_101;
export const DEFAULT_AS_OF = '2026-11-01T00:00:00.000Z';

/** The first-run demo ends its history today, so the demo's "data as of" looks current. */
export function demoSeedOptions(now = new Date()): { seed: number; asOf: string } {
  const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { seed: DEFAULT_SEED, asOf: midnight.toISOString() };
}
