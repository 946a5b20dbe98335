/**
 * When a window's renderer dies (crash, out of memory, killed), reload it after a growing
 * pause; a renderer that keeps dying is left alone rather than reloaded in a tight loop.
 */
export interface CrashReloadOptions {
  /** Reloads allowed within `windowMs`; the next crash inside it gives up. */
  maxReloads: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_CRASH_RELOAD: CrashReloadOptions = { maxReloads: 5, windowMs: 5 * 60_000, baseDelayMs: 1_000, maxDelayMs: 30_000 };

export class CrashReloadPolicy {
  private crashes: number[] = [];

  constructor(private readonly options: CrashReloadOptions = DEFAULT_CRASH_RELOAD) {}

  /** The pause before reloading after a crash at `nowMs`, or null to give up. */
  onCrash(nowMs: number): number | null {
    this.crashes = this.crashes.filter((t) => nowMs - t < this.options.windowMs);
    if (this.crashes.length >= this.options.maxReloads) return null;
    const delay = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** this.crashes.length);
    this.crashes.push(nowMs);
    return delay;
  }
}
