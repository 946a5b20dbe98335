import type { Locale, Translate } from '../../i18n';
import { regionName } from '../../emergency/region-name';

/** "2027年1月" / "Jan 2027"; short: "1月" / "Jan". */
export function monthLabel(t: Translate, locale: Locale, ym: string, short = false): string {
  const year = Number(ym.slice(0, 4));
  const month = Number(ym.slice(5, 7));
  const monthName = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
  if (short) return monthName;
  return t('optim.month', { year, month, monthName });
}

/** The region in scope by name, or the whole country. */
export const scopeName = (t: Translate, locale: Locale, region: string | null): string => (region ? regionName(locale, region) : t('optim.scope.national'));

/** Yuan as 万元 with one decimal under 100 (the wall's money unit). */
export function tenThousandYuan(locale: Locale, yuan: number): string {
  const v = yuan / 10_000;
  const digits = Math.abs(v) >= 100 ? 0 : 1;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
}

export const wholeNumber = (locale: Locale, v: number): string => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(v);
