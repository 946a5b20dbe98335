import { useEffect, useMemo, useState } from 'react';
import { mapText, toMapLocale, type MapLocale, type MapText } from './map-messages';

/** The language of <html lang>, followed as it changes. */
export function useHtmlLocale(): MapLocale {
  const [locale, setLocale] = useState(() => toMapLocale(document.documentElement.lang));
  useEffect(() => {
    const html = document.documentElement;
    const observer = new MutationObserver(() => setLocale(toMapLocale(html.lang)));
    observer.observe(html, { attributes: true, attributeFilter: ['lang'] });
    setLocale(toMapLocale(html.lang));
    return () => observer.disconnect();
  }, []);
  return locale;
}

export function useMapText(): { locale: MapLocale; t: MapText } {
  const locale = useHtmlLocale();
  return useMemo(() => ({ locale, t: mapText(locale) }), [locale]);
}
