import { BriefingError } from './errors';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The time a briefing's figures are asked for: null for "now" (or nothing), else the instant in UTC ISO form. */
export function parseAt(at: string | null | undefined): string | null {
  if (at === undefined || at === null || at === '' || at === 'now') return null;
  if (!ISO_INSTANT.test(at) || Number.isNaN(Date.parse(at))) {
    throw new BriefingError('bad-time', `--at "${at}" is not a time; give an ISO 8601 instant with its zone, e.g. 2025-06-30T12:00:00Z or 2025-06-30T20:00:00+08:00, or "now"`);
  }
  return new Date(Date.parse(at)).toISOString();
}
