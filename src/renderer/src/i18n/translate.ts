import { i18n, LOCALES, type Locale } from './i18next-instance';
import { zhCN, type MessageKey } from './zh-CN';

export { LOCALES, type Locale };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A message in a given language, outside React (tests, document title). */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return i18n.getFixedT(locale)(key, params ?? {});
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** True when a string is a message key, for keys built at run time (error codes, classes). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}
