/** Beijing time (UTC+8, no daylight saving) of an ISO instant: "2025-06-30 19:58". */
export function beijingTime(iso: string | null): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** "2025-06-30 19:58 北京时间" for the cover and footers. */
export const beijingLabel = (iso: string | null): string => (iso ? `${beijingTime(iso)} 北京时间` : '—');
