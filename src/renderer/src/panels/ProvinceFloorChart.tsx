import { useMemo } from 'react';
import { EChart } from '../charts/EChart';
import { provinceFloorOption } from '../charts/options';
import { filterSelectors, useFilterStore } from '../filters/filter-store';
import { label, nameOf } from '../format/labels';
import { useLocale, useT } from '../i18n';
import { situationSelectors, useSituationStore } from '../stores/situation-store';
import { focusCategoryOf } from '../walls/focus';
import type { WallLayout } from '../walls/layout';

/** Stock against the safety floor by province for the category in focus (floors are set per class). */
export function ProvinceFloorChart({ layout }: { layout: WallLayout }) {
  const t = useT();
  const locale = useLocale();
  const situation = useSituationStore(situationSelectors.situation);
  const categories = useSituationStore(situationSelectors.categories);
  const filter = useFilterStore(filterSelectors.filter);
  const { category, cls } = focusCategoryOf(filter, layout, categories);
  const option = useMemo(
    () =>
      situation && cls
        ? provinceFloorOption(situation.provinces, cls, {
            provinceName: (p) => nameOf(locale, p),
            stock: t('category.stock'),
            floor: t('category.floor'),
            days: t('figures.col.persons'),
          })
        : undefined,
    [situation, cls, locale, t],
  );
  const name = category ? `${nameOf(locale, category)} · ${label(t, 'class', category.class)}` : cls ? label(t, 'class', cls) : '';
  const title = t('category.title', { name });
  return (
    <section className="panel chart-panel" data-class={cls ?? ''} data-category={category?.code ?? ''}>
      <h2 className="panel-title" data-testid="category-title">{title}</h2>
      {category && <p className="panel-note">{t('category.unitNote', { unit: locale === 'zh-CN' ? category.unit : category.unitEn })}</p>}
      {option && <EChart option={option} label={title} testId="province-floor-chart" />}
    </section>
  );
}
