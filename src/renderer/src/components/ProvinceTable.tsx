import { useMemo } from 'react';
import type { ProvinceAggregate } from '../../../shared/contract';
import { CATEGORY_CLASSES } from '../../../shared/domain/events';
import { formatNumber } from '../format/numbers';
import { isMessageKey, useLocale, useT } from '../i18n';

/** Known classes in their domain order, then any others the host reports, alphabetically. */
function classColumns(provinces: readonly ProvinceAggregate[]): string[] {
  const present = new Set(provinces.flatMap((p) => Object.keys(p.stockByClass)));
  const known: string[] = CATEGORY_CLASSES.filter((c) => present.has(c));
  const other = [...present].filter((c) => !known.includes(c)).sort();
  return [...known, ...other];
}

export function ProvinceTable({ provinces }: { provinces: readonly ProvinceAggregate[] }) {
  const t = useT();
  const locale = useLocale();
  const rows = useMemo(() => [...provinces].sort((a, b) => a.adcode.localeCompare(b.adcode)), [provinces]);
  const classes = useMemo(() => classColumns(provinces), [provinces]);
  const classLabel = (c: string): string => {
    const key = `class.${c}`;
    return isMessageKey(key) ? t(key) : c;
  };

  return (
    <section className="province-panel">
      <h2 className="panel-title">{t('provinces.title')}</h2>
      {rows.length === 0 ? (
        <p className="panel-empty">{t('provinces.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="province-table" data-testid="province-table">
            <thead>
              <tr>
                <th scope="col">{t('provinces.col.name')}</th>
                <th scope="col" className="num">
                  {t('provinces.col.depots')}
                </th>
                <th scope="col" className="num">
                  {t('provinces.col.lots')}
                </th>
                {classes.map((c) => (
                  <th key={c} scope="col" className="num" data-class={c}>
                    {classLabel(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.adcode} data-adcode={p.adcode}>
                  <th scope="row">{locale === 'zh-CN' ? p.nameZh : p.nameEn}</th>
                  <td className="num" data-value={p.depots}>
                    {formatNumber(locale, p.depots)}
                  </td>
                  <td className="num" data-value={p.lots}>
                    {formatNumber(locale, p.lots)}
                  </td>
                  {classes.map((c) => {
                    const value = p.stockByClass[c] ?? 0;
                    return (
                      <td key={c} className="num" data-class={c} data-value={value}>
                        {formatNumber(locale, value)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
