import type { Locale } from '../i18n';

const formatters = new Map<Locale, Intl.NumberFormat>();

export function formatNumber(locale: Locale, value: number): string {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    formatters.set(locale, formatter);
  }
  return formatter.format(value);
}

/**
 * Splits an integer into groups of three digits from the right, so large numerals can be
 * spaced by layout rather than by separator characters: "1234567" → ["1", "234", "567"].
 */
export function digitGroups(value: number): string[] {
  const digits = String(Math.trunc(Math.abs(value)));
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return value < 0 ? ['-' + (groups[0] ?? ''), ...groups.slice(1)] : groups;
}

/** Days of cover: two decimals below 1, one below 100, whole days above (no false precision on a wall). */
export function formatDays(locale: Locale, days: number): string {
  const digits = days >= 100 ? 0 : days >= 1 ? 1 : 2;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(days);
}

/** Persons in 万 (10,000): one decimal under 100 万, whole 万 above (the figure of 万人·7天). */
export function formatTenThousands(locale: Locale, persons: number): string {
  const n = persons / 10_000;
  const digits = n >= 100 ? 0 : 1;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

export function formatPercent(locale: Locale, share: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}
