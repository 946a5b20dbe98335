import { useEffect } from 'react';
import { useLocale } from '../i18n';

/** Keeps <html lang> in step with the UI language, for fonts and screen readers. */
export function useDocumentLang(): void {
  const locale = useLocale();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
}
