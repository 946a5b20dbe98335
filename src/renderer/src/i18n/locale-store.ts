import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { i18n } from './i18next-instance';
import { isLocale, type Locale, type Translate } from './translate';

const STORAGE_KEY = 'inrs.locale';

function initialLocale(): Locale {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage may be disabled; fall back to the default.
  }
  return 'zh-CN';
}

interface LocaleState {
  locale: Locale;
  actions: { setLocale(locale: Locale): void };
}

export const useLocaleStore = create<LocaleState>()((set) => ({
  locale: initialLocale(),
  actions: {
    setLocale: (locale) => {
      try {
        window.localStorage.setItem(STORAGE_KEY, locale);
      } catch {
        // The choice still applies to this page.
      }
      void i18n.changeLanguage(locale);
      set({ locale });
    },
  },
}));

export const localeSelectors = {
  locale: (s: LocaleState) => s.locale,
  actions: (s: LocaleState) => s.actions,
};

export const useLocale = (): Locale => useLocaleStore(localeSelectors.locale);

// The i18next instance starts in the saved language.
void i18n.changeLanguage(useLocaleStore.getState().locale);

/** `t(key)` in the current language (i18next); re-renders the caller when the language changes. */
export function useT(): Translate {
  const { t } = useTranslation(undefined, { i18n });
  return useCallback<Translate>((key, params) => t(key, params ?? {}), [t]);
}
