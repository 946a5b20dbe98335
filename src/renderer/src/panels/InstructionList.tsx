import { PROVINCES } from '../../../shared/domain/provinces';
import { getInrs } from '../bridge';
import { filterSelectors, useFilterStore } from '../filters/filter-store';
import { label, nameOf } from '../format/labels';
import { formatNumber } from '../format/numbers';
import { shortTime } from '../format/time';
import { useHostQuery } from '../hooks/useHostQuery';
import { useLocale, useT } from '../i18n';
import { situationSelectors, useSituationStore } from '../stores/situation-store';

const SHOWN = 50;
const provinceName = new Map(PROVINCES.map((p) => [p.adcode, p]));

/** The newest instructions of the provinces and categories in scope. */
export function InstructionList() {
  const t = useT();
  const locale = useLocale();
  const filter = useFilterStore(filterSelectors.filter);
  const version = useSituationStore(situationSelectors.situation)?.dataVersion;
  const key = version ? `${version}|${JSON.stringify(filter)}` : null;
  const { value } = useHostQuery(key, () => getInrs().instructions.list({ filter, limit: SHOWN }));
  const rows = value ?? [];
  return (
    <section className="panel list-panel">
      <h2 className="panel-title">{t('instructions.title')}</h2>
      {rows.length === 0 ? (
        <p className="panel-empty">{t('instructions.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="instruction-table" data-count={rows.length}>
            <thead>
              <tr>
                <th scope="col">{t('instructions.col.id')}</th>
                <th scope="col">{t('instructions.col.kind')}</th>
                <th scope="col">{t('risk.col.province')}</th>
                <th scope="col" className="num">{t('instructions.col.lines')}</th>
                <th scope="col">{t('instructions.col.issued')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => {
                const province = provinceName.get(i.region);
                return (
                  <tr key={i.id} data-id={i.id}>
                    <th scope="row">
                      <code>{i.id}</code>
                    </th>
                    <td>{label(t, 'instruction.kind', i.kind)}</td>
                    <td>{province ? nameOf(locale, province) : i.region}</td>
                    <td className="num">{formatNumber(locale, i.lines)}</td>
                    <td>{shortTime(i.issuedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
