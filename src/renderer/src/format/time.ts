/** Zones an officer can show times in; Beijing time by default (the briefing's, and the agency's). */
export const TIME_ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'UTC'] as const;
export type TimeZoneSetting = (typeof TIME_ZONES)[number];
export const DEFAULT_TIME_ZONE: TimeZoneSetting = 'Asia/Shanghai';

export const isTimeZone = (value: unknown): value is TimeZoneSetting => TIME_ZONES.includes(value as TimeZoneSetting);

const parts = new Map<TimeZoneSetting, Intl.DateTimeFormat>();
function partsIn(zone: TimeZoneSetting): Intl.DateTimeFormat {
  let f = parts.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    parts.set(zone, f);
  }
  return f;
}

/** "UTC+8", "UTC+6", "UTC": the zone as an offset every reader understands, in either language. */
export function zoneLabel(zone: TimeZoneSetting, at: Date = new Date()): string {
  const shown = new Date(`${localFields(at, zone)}:00Z`).getTime();
  const minutes = Math.round((shown - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '-';
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

/** "2026-11-26T11:07" of an instant in a zone. */
function localFields(at: Date, zone: TimeZoneSetting): string {
  const p = Object.fromEntries(partsIn(zone).formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * "2026-11-26T03:07:17Z" → "2026-11-26 11:07 UTC+8": minute precision in the chosen zone, the zone
 * always shown. Every panel formats instants through this one helper; not an instant: shown as is.
 */
export function formatInstant(iso: string, zone: TimeZoneSetting = DEFAULT_TIME_ZONE): string {
  const ms = Date.parse(iso);
  if (!iso || Number.isNaN(ms)) return iso;
  const at = new Date(ms);
  return `${localFields(at, zone).replace('T', ' ')} ${zoneLabel(zone, at)}`;
}

/** "2025-06-30T20:00" typed into a datetime-local field, read in the zone, to an ISO instant. */
export function zoneInputToIso(value: string, zone: TimeZoneSetting = DEFAULT_TIME_ZONE): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const asUtc = Date.parse(`${value}:00Z`);
  if (Number.isNaN(asUtc)) return null;
  // The zone's offset at that moment (one correction step is exact for fixed-offset zones).
  const offset = Date.parse(`${localFields(new Date(asUtc), zone)}:00Z`) - asUtc;
  return new Date(asUtc - offset).toISOString();
}
