import { CATEGORY_CLASSES } from '../../../shared/domain/events';
import { PROVINCES } from '../../../shared/domain/provinces';
import { RISK_BANDS } from '../../../shared/domain/risk-index';
import { label, nameOf } from '../format/labels';
import { useLocale, useT } from '../i18n';
import { situationSelectors, useSituationStore } from '../stores/situation-store';
import { isEmptyFilter } from './filter-reducer';
import { filterSelectors, useFilterStore } from './filter-store';

/** The one filter every wall follows: classes, a category, risk bands, and the province picked elsewhere. */
export function FilterBar() {
  const t = useT();
  const locale = useLocale();
  const filter = useFilterStore(filterSelectors.filter);
  const actions = useFilterStore(filterSelectors.actions);
  const categories = useSituationStore(situationSelectors.categories);
  const choices = categories.filter((c) => filter.classes.length === 0 || filter.classes.includes(c.class));
  return (
    <section className="filter-bar" aria-label={t('filter.label')} data-testid="filter-bar">
      <div className="filter-group" role="group" aria-label={t('filter.classes')}>
        {CATEGORY_CLASSES.map((cls) => (
          <button key={cls} type="button" className="chip" data-testid={`filter-class-${cls}`} aria-pressed={filter.classes.includes(cls)} onClick={() => actions.toggleClass(cls)}>
            {label(t, 'class', cls)}
          </button>
        ))}
      </div>
      <label className="filter-group">
        <span className="filter-label">{t('filter.category')}</span>
        <select data-testid="filter-category" value={filter.categories[0] ?? ''} onChange={(e) => actions.setCategory(e.target.value || null)}>
          <option value="">{t('filter.allCategories')}</option>
          {choices.map((c) => (
            <option key={c.code} value={c.code}>
              {nameOf(locale, c)}
            </option>
          ))}
        </select>
      </label>
      <div className="filter-group" role="group" aria-label={t('filter.bands')}>
        {RISK_BANDS.map((band) => (
          <button key={band} type="button" className={`chip band-chip band-${band}`} data-testid={`filter-band-${band}`} aria-pressed={filter.riskBands.includes(band)} onClick={() => actions.toggleBand(band)}>
            {label(t, 'band', band)}
          </button>
        ))}
      </div>
      <div className="filter-group" aria-label={t('filter.regions')}>
        {filter.regions.length === 0 ? (
          <span className="filter-label">{t('filter.allRegions')}</span>
        ) : (
          filter.regions.map((r) => {
            const p = PROVINCES.find((x) => x.adcode === r);
            const name = p ? nameOf(locale, p) : r;
            return (
              <button key={r} type="button" className="chip" aria-pressed data-testid={`filter-region-${r}`} aria-label={t('filter.removeRegion', { name })} onClick={() => actions.toggleRegion(r)}>
                {name} ×
              </button>
            );
          })
        )}
      </div>
      {!isEmptyFilter(filter) && (
        <button type="button" className="filter-clear" data-testid="filter-clear" onClick={actions.clear}>
          {t('filter.clear')}
        </button>
      )}
    </section>
  );
}
