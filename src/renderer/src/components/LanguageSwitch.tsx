import { LOCALES, localeSelectors, useLocale, useLocaleStore, useT, type Locale } from '../i18n';

/** Each language is named in itself, so the switch is readable whatever is selected. */
const LABELS: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

export function LanguageSwitch() {
  const t = useT();
  const locale = useLocale();
  const { setLocale } = useLocaleStore(localeSelectors.actions);
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          data-testid={`lang-${l}`}
          aria-pressed={l === locale}
          onClick={() => setLocale(l)}
        >
          {LABELS[l]}
        </button>
      ))}
    </div>
  );
}
