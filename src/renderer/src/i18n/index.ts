export { useLocale, useLocaleStore, useT, localeSelectors } from './locale-store';
export { LOCALES, isMessageKey, translate, type Locale, type Translate } from './translate';
export type { MessageKey } from './zh-CN';
