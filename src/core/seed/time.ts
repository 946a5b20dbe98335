/**
 * Day arithmetic for the generator. Days are calendar days in China Standard Time (UTC+8),
 * numbered from the Unix epoch; 08:00 CST is 00:00 UTC of the same date.
 */
export const DAY = 86_400;
const CST_OFFSET = 8 * 3600;

/** Working hours 08:00–18:00 CST, as seconds after the day's 08:00. */
export const WORK_SECONDS = 10 * 3600;

export function parseAsOf(asOf: string): number {
  const ms = Date.parse(asOf);
  if (!Number.isFinite(ms)) throw new Error(`invalid asOf: ${asOf}`);
  return Math.floor(ms / 1000);
}

/** CST day number of a Unix time in seconds. */
export function dayOf(unixSeconds: number): number {
  return Math.floor((unixSeconds + CST_OFFSET) / DAY);
}

/** Unix seconds of 08:00 CST on a day. */
export function workStart(day: number): number {
  return day * DAY;
}

const dateCache = new Map<number, string>();

/** ISO date (YYYY-MM-DD) of a day number. */
export function isoDate(day: number): string {
  let s = dateCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY * 1000).toISOString().slice(0, 10);
    dateCache.set(day, s);
  }
  return s;
}

/** ISO datetime (second precision, UTC) of Unix seconds. */
export function isoTime(unixSeconds: number): string {
  const day = Math.floor(unixSeconds / DAY);
  let rest = unixSeconds - day * DAY;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  return `${isoDate(day)}T${pad2(h)}:${pad2(m)}:${pad2(s)}Z`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function yearOf(day: number): number {
  return Number(isoDate(day).slice(0, 4));
}

/** Month 1–12 of a day number. */
export function monthOf(day: number): number {
  return Number(isoDate(day).slice(5, 7));
}
