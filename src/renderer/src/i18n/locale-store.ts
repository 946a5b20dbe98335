import { useCallback } from 'react';
import { create } from 'zustand';
import { isLocale, translate, type Locale, type Translate } from './translate';

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
      set({ locale });
    },
  },
}));

export const localeSelectors = {
  locale: (s: LocaleState) => s.locale,
  actions: (s: LocaleState) => s.actions,
};

export const useLocale = (): Locale => useLocaleStore(localeSelectors.locale);

/** `t(key)` in the current language; re-renders the caller when the language changes. */
export function useT(): Translate {
  const locale = useLocale();
  return useCallback<Translate>((key, params) => translate(locale, key, params), [locale]);
}
