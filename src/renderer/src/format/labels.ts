import type { Translate } from '../i18n';
import { isMessageKey } from '../i18n';
import type { Locale } from '../i18n';

/** A message for a key built at run time (class, band, kind…), or the raw value when no message exists. */
export function label(t: Translate, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

/** The name of a thing that carries both, in the UI language. */
export function nameOf(locale: Locale, thing: { nameZh: string; nameEn: string }): string {
  return locale === 'zh-CN' ? thing.nameZh : thing.nameEn;
}
