/** Whole days from the data-as-of date to an expiry date (negative once expired); never the wall clock. */
export function daysUntil(expiryDate: string, asOf: string | null): number | null {
  if (!asOf) return null;
  const from = Date.parse(`${asOf.slice(0, 10)}T00:00:00Z`);
  const to = Date.parse(`${expiryDate}T00:00:00Z`);
  return Number.isFinite(from) && Number.isFinite(to) ? Math.round((to - from) / 86_400_000) : null;
}
