import type { DispatchNote, DispatchRecommendation, TransportExplanation } from '../../../shared/contract';
import { formatNumber } from '../format/numbers';
import { useLocale, useT, type Translate } from '../i18n';
import { regionName } from '../emergency/region-name';
import { dispatchSelectors, useDispatchStore } from './dispatch-store';
import { plannedByCategory } from './plan-edits';

function noteText(t: Translate, note: DispatchNote, name: (code: string) => string): string {
  const params = { category: note.category ? name(note.category) : '', count: note.count ?? 0 };
  return t(`dispatch.note.${note.code}`, params);
}

/**
 * Why the plan is what it is: per category the demand, what all depots hold above floor and
 * what the plan (as edited) sends; shortfalls in red; the depots whose supply is used up.
 */
export function Explanation({ rec }: { rec: DispatchRecommendation }) {
  const t = useT();
  const locale = useLocale();
  const lines = useDispatchStore(dispatchSelectors.lines);
  const planned = plannedByCategory(lines);
  const zh = locale === 'zh-CN';
  const names = new Map(rec.explanation.demandByCategory.map((b) => [b.category, zh ? b.categoryName : b.categoryNameEn]));
  const name = (code: string) => names.get(code) ?? code;
  const { binding } = rec.explanation;
  return (
    <div className="dispatch-explanation" data-testid="dispatch-explanation">
      <table className="data-table compact" data-testid="dispatch-totals">
        <thead>
          <tr>
            <th scope="col">{t('dispatch.plan.col.category')}</th>
            <th scope="col" className="num">
              {t('dispatch.explain.demand')}
            </th>
            <th scope="col" className="num">
              {t('dispatch.explain.available')}
            </th>
            <th scope="col" className="num">
              {t('dispatch.explain.planned')}
            </th>
            <th scope="col" className="num">
              {t('dispatch.explain.shortfall')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rec.explanation.demandByCategory.map((b) => {
            const sent = planned.get(b.category) ?? 0;
            const short = Math.max(0, b.demand - sent);
            return (
              <tr key={b.category} data-category={b.category} data-shortfall={short}>
                <th scope="row">{name(b.category)}</th>
                <td className="num">
                  {formatNumber(locale, b.demand)} <span className="cell-sub">{zh ? b.unit : b.unitEn}</span>
                </td>
                <td className="num">{formatNumber(locale, b.available)}</td>
                <td className="num">{formatNumber(locale, sent)}</td>
                <td className={short > 0 ? 'num dispatch-short' : 'num'}>{short > 0 ? formatNumber(locale, short) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rec.plan.shortfalls.length > 0 && (
        <ul className="dispatch-shortfalls" data-testid="dispatch-shortfalls">
          {rec.plan.shortfalls.map((s) => (
            <li key={`${s.to}|${s.category}`} className="dispatch-short">
              {t('dispatch.explain.shortLine', {
                region: regionName(locale, s.to),
                category: name(s.category),
                quantity: formatNumber(locale, s.quantity),
                unit: zh ? s.unit : s.unitEn,
              })}
            </li>
          ))}
        </ul>
      )}
      <h3 className="dispatch-subtitle">{t('dispatch.explain.binding', { count: binding.length })}</h3>
      {binding.length === 0 ? (
        <p className="panel-note">{t('dispatch.explain.noBinding')}</p>
      ) : (
        <ul className="dispatch-binding" data-testid="dispatch-binding">
          {binding.slice(0, 30).map((b) => (
            <li key={`${b.depot}|${b.category}`}>
              {t('dispatch.explain.bindingLine', {
                depot: zh ? b.depotName : b.depotNameEn,
                category: name(b.category),
                quantity: formatNumber(locale, b.used),
                unit: zh ? b.unit : b.unitEn,
              })}
            </li>
          ))}
          {binding.length > 30 && <li className="panel-note">{t('dispatch.explain.more', { count: binding.length - 30 })}</li>}
        </ul>
      )}
      {rec.explanation.transport && <TransportLines transport={rec.explanation.transport} />}
      <ul className="dispatch-notes">
        {rec.explanation.notes.map((n, i) => (
          <li key={i} className="panel-note" data-note={n.code}>
            {noteText(t, n, name)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What the plan loads against the lorries, and the civilian units called on. */
function TransportLines({ transport: tr }: { transport: TransportExplanation }) {
  const t = useT();
  const locale = useLocale();
  const tonnes = (v: number) => formatNumber(locale, Math.round(v * 10) / 10);
  return (
    <>
      <h3 className="dispatch-subtitle">{t('dispatch.explain.transport', { days: tr.days })}</h3>
      <ul className="dispatch-binding" data-testid="dispatch-transport-explanation" data-binding={tr.binding} data-civilian-tonnes={tr.civilianTonnes}>
        <li>{t('dispatch.explain.transportLine', { loaded: tonnes(tr.loadedTonnes), state: tonnes(tr.stateTonnes), civilian: tonnes(tr.civilianAvailableTonnes) })}</li>
        {tr.civilianTonnes > 0 && <li className="dispatch-civilian-line">{t('dispatch.explain.civilianLine', { tonnes: tonnes(tr.civilianTonnes) })}</li>}
        {tr.units.map((u) => (
          <li key={u.resourceId} className="dispatch-civilian-line" data-unit={u.resourceId}>
            {t('dispatch.explain.unitLine', { name: u.name, holder: holderName(u.holder), perDay: tonnes(u.tonnesPerDay), tonnes: tonnes(u.tonnes) })}
          </li>
        ))}
      </ul>
    </>
  );
}

/** A certificate subject read as the holder's name (`CN=…`), the subject itself otherwise. */
const holderName = (subject: string) => /(?:^|,)CN=([^,]+)/.exec(subject)?.[1] ?? subject;
