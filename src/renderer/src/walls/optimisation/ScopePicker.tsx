import { PROVINCES } from '../../../../shared/domain/provinces';
import { filterSelectors, useFilterStore } from '../../filters/filter-store';
import { nameOf } from '../../format/labels';
import { useLocale, useT } from '../../i18n';

/** The region the wall optimises: the shared filter's province (as a map click sets it), or the whole country. */
export function ScopePicker({ region }: { region: string | null }) {
  const t = useT();
  const locale = useLocale();
  const { focusRegion } = useFilterStore(filterSelectors.actions);
  return (
    <label className="optim-scope">
      {t('optim.scope.label')}{' '}
      <select data-testid="optim-scope" value={region ?? ''} onChange={(e) => focusRegion(e.target.value || null)}>
        <option value="">{t('optim.scope.national')}</option>
        {PROVINCES.map((p) => (
          <option key={p.adcode} value={p.adcode}>
            {nameOf(locale, p)}
          </option>
        ))}
      </select>
    </label>
  );
}
