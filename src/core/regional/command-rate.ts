/**
 * How many commands a client may send: per connection and per certificate (across all its
 * connections), in fixed windows. Commands over either limit are refused `rate-limited`
 * without being decided or audited one by one; each certificate's refusals of a window are
 * reported once, with their count, when the window ends (or the server closes).
 */
export interface CommandRateLimits {
  /** Commands one connection may send per window. */
  perConnection: number;
  /** Commands one certificate may send per window, over all its connections. */
  perCertificate: number;
  windowMs: number;
}

export const DEFAULT_COMMAND_RATE: CommandRateLimits = { perConnection: 60, perCertificate: 120, windowMs: 10_000 };

/** One window's refusals of one certificate, as reported once at its end. */
export interface RateLimitedWindow {
  certificate: string;
  subject: string;
  refused: number;
  from: Date;
  to: Date;
  limits: CommandRateLimits;
}

export type RateDecision = { ok: true } | { ok: false; reason: string };

interface Window {
  start: number;
  count: number;
}

export function createCommandRate(limits: CommandRateLimits, report: (window: RateLimitedWindow) => void, now: () => number = Date.now) {
  const certificates = new Map<string, Window>();
  const refusals = new Map<string, { subject: string; refused: number; from: number; timer: NodeJS.Timeout }>();

  const current = (window: Window | undefined, t: number): Window => (window && t - window.start < limits.windowMs ? window : { start: t, count: 0 });
  /** Certificates seen long ago are forgotten, so the map stays as small as the active set. */
  const prune = (t: number) => {
    for (const [key, window] of certificates) if (t - window.start >= limits.windowMs) certificates.delete(key);
  };

  const flush = (certificate: string) => {
    const pending = refusals.get(certificate);
    if (!pending) return;
    refusals.delete(certificate);
    clearTimeout(pending.timer);
    report({ certificate, subject: pending.subject, refused: pending.refused, from: new Date(pending.from), to: new Date(pending.from + limits.windowMs), limits });
  };

  const refuse = (certificate: string, subject: string, t: number, why: string): RateDecision => {
    let pending = refusals.get(certificate);
    if (!pending) {
      pending = { subject, refused: 0, from: t, timer: setTimeout(() => flush(certificate), limits.windowMs) };
      pending.timer.unref();
      refusals.set(certificate, pending);
    }
    pending.refused++;
    return { ok: false, reason: `${why}: over ${why.startsWith('this connection') ? limits.perConnection : limits.perCertificate} commands in ${limits.windowMs / 1000} s; try again later` };
  };

  return {
    /** A counter for one connection of the certificate `certificate` (its fingerprint). */
    connection(certificate: string, subject: string) {
      let own: Window | undefined;
      return {
        take(): RateDecision {
          const t = now();
          own = current(own, t);
          if (certificates.size > 1024) prune(t);
          const shared = current(certificates.get(certificate), t);
          certificates.set(certificate, shared);
          if (own.count >= limits.perConnection) return refuse(certificate, subject, t, 'this connection sends too many commands');
          if (shared.count >= limits.perCertificate) return refuse(certificate, subject, t, 'this certificate sends too many commands');
          own.count++;
          shared.count++;
          return { ok: true };
        },
      };
    },
    /** Reports every window still open (on shutdown). */
    flushAll(): void {
      for (const certificate of [...refusals.keys()]) flush(certificate);
    },
  };
}

export type CommandRate = ReturnType<typeof createCommandRate>;
