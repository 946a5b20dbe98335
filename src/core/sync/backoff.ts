/** Capped exponential backoff with full jitter: attempt n waits a random time in [0, min(cap, base·2ⁿ)]. */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = 500, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(random() * ceiling);
}
