import type { Locale } from '../../i18n';

/** Names in a running list: 湖北、湖南 in Chinese, "Hubei, Hunan" in English. */
export const listText = (locale: Locale, items: readonly string[]): string => items.join(locale === 'zh-CN' ? '、' : ', ');
