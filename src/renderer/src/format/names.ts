import { useCallback } from 'react';
import { useLocale } from '../i18n';
import { situationSelectors, useSituationStore } from '../stores/situation-store';

export { actorDisplayName } from './actor-name';

/** Category code → its name in the UI language (the code itself when the catalogue does not know it). */
export function useCategoryName(): (code: string) => string {
  const locale = useLocale();
  const categories = useSituationStore(situationSelectors.categories);
  return useCallback(
    (code: string) => {
      const c = categories.find((x) => x.code === code);
      return c ? (locale === 'en' ? c.nameEn : c.nameZh) : code;
    },
    [categories, locale],
  );
}

/** Depot code → its name in the UI language, from the situation on screen (the code when not in it). */
export function useDepotName(): (code: string) => string {
  const locale = useLocale();
  const situation = useSituationStore(situationSelectors.situation);
  return useCallback(
    (code: string) => {
      const d = situation?.depots.find((x) => x.code === code);
      return d ? (locale === 'en' ? d.nameEn : d.nameZh) : code;
    },
    [situation, locale],
  );
}
