import { useEffect, useRef } from 'react';
import type { DepotDetail } from '../../../shared/contract';
import { daysUntil } from '../format/expiry';
import { label, nameOf } from '../format/labels';
import { formatNumber, formatPercent, formatTenThousands } from '../format/numbers';
import { useTimeFormat } from '../format/time-zone-store';
import { useLocale, useT, type Translate } from '../i18n';
import type { Locale } from '../i18n';
import { depotSelectors, useDepotStore } from '../stores/depot-store';
import { situationSelectors, useSituationStore } from '../stores/situation-store';
import { openLotTrace } from '../walls/traceability/open-trace';
import { LiveDataMark } from '../replay/LiveDataMark';
import { PlanShare } from '../panels/PlanShare';

function Stock({ detail, t, locale }: { detail: DepotDetail; t: Translate; locale: Locale }) {
  return (
    <>
      <h3>{t('drawer.stock')}</h3>
      <table className="data-table compact" data-testid="drawer-stock">
        <thead>
          <tr>
            <th scope="col">{t('drawer.col.category')}</th>
            <th scope="col" className="num">{t('drawer.col.quantity')}</th>
            <th scope="col" className="num">{t('drawer.col.floor')}</th>
            <th scope="col" className="num">{t('figures.col.planned')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.stock.map((s) => (
            <tr key={s.category} data-category={s.category} data-value={s.quantity} className={s.quantity < s.floor ? 'under-floor' : ''}>
              <th scope="row">{nameOf(locale, s)}</th>
              <td className="num">
                {formatNumber(locale, s.quantity)} {locale === 'zh-CN' ? s.unit : s.unitEn}
              </td>
              <td className="num">{formatNumber(locale, Math.round(s.floor))}</td>
              <td className="num" data-planned={s.planned}>
                {s.planned > 0 ? formatNumber(locale, s.planned) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('drawer.classes')}</h3>
      <table className="data-table compact" data-testid="drawer-classes">
        <thead>
          <tr>
            <th scope="col">{t('drawer.classes')}</th>
            <th scope="col" className="num">{t('drawer.col.quantity')}</th>
            <th scope="col" className="num">{t('drawer.col.floor')}</th>
            <th scope="col" className="num">{t('figures.col.persons')}</th>
            <th scope="col" className="num">{t('figures.col.plan')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.classes.map((c) => (
            <tr key={c.class} className={c.underFloor ? 'under-floor' : ''}>
              <th scope="row">{label(t, 'class', c.class)}</th>
              <td className="num">{formatNumber(locale, c.quantity)}</td>
              <td className="num">/ {formatNumber(locale, Math.round(c.floor))}</td>
              <td className="num" data-value={c.personsSupported}>{formatTenThousands(locale, c.personsSupported)}</td>
              <td className="num">
                <PlanShare share={c.planCompletion} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Lots({ detail, t, locale }: { detail: DepotDetail; t: Translate; locale: Locale }) {
  const categories = useSituationStore(situationSelectors.categories);
  const categoryName = (code: string) => {
    const c = categories.find((x) => x.code === code);
    return c ? nameOf(locale, c) : code;
  };
  return (
    <>
      <h3>{t('drawer.lots')}</h3>
      <table className="data-table compact" data-testid="drawer-lots">
        <thead>
          <tr>
            <th scope="col">{t('drawer.col.lot')}</th>
            <th scope="col">{t('drawer.col.category')}</th>
            <th scope="col" className="num">{t('drawer.col.quantity')}</th>
            <th scope="col">{t('drawer.col.expiry')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.lots.map((l) => {
            const days = daysUntil(l.expiryDate, detail.asOf);
            return (
              <tr key={l.lotId} className={days !== null && days <= 30 ? 'under-floor' : ''}>
                <th scope="row">
                  <button type="button" className="link-button" data-testid="drawer-lot-trace" data-lot={l.lotId} title={t('trace.openLotTitle', { lot: l.lotId })} onClick={() => openLotTrace(l.lotId)}>
                    {l.lotId}
                  </button>
                </th>
                <td>{categoryName(l.category)}</td>
                <td className="num">{formatNumber(locale, l.quantity)}</td>
                <td>
                  {l.expiryDate}
                  {days !== null && days <= 90 && <span className="cell-sub"> {days < 0 ? t('drawer.expired') : t('drawer.daysLeft', { n: days })}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function Movements({ detail, t, locale }: { detail: DepotDetail; t: Translate; locale: Locale }) {
  const shortTime = useTimeFormat();
  return (
    <>
      <h3>{t('drawer.movements')}</h3>
      <table className="data-table compact" data-testid="drawer-movements">
        <thead>
          <tr>
            <th scope="col">{t('drawer.col.time')}</th>
            <th scope="col">{t('drawer.col.type')}</th>
            <th scope="col">{t('drawer.col.lot')}</th>
            <th scope="col" className="num">{t('drawer.col.quantity')}</th>
            <th scope="col">{t('drawer.col.instruction')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.movements.map((m) => (
            <tr key={m.seq}>
              <td>{shortTime(m.eventTime)}</td>
              <td>{label(t, 'movement', m.type)}</td>
              <td>
                <code>{m.lotId ?? ''}</code>
              </td>
              <td className="num">{m.quantity === null ? '' : formatNumber(locale, m.quantity)}</td>
              <td>
                <code>{m.instructionId ?? ''}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** A depot at a glance: stock against its floors, lots by expiry, last movements. */
export function DepotDrawer() {
  const t = useT();
  const locale = useLocale();
  const selected = useDepotStore(depotSelectors.selected);
  const detail = useDepotStore(depotSelectors.detail);
  const error = useDepotStore(depotSelectors.error);
  const { close } = useDepotStore(depotSelectors.actions);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (selected) closeButton.current?.focus();
  }, [selected]);
  if (!selected) return null;
  const d = detail?.depot;
  return (
    <aside className="drawer" role="dialog" aria-modal="false" aria-labelledby="drawer-title" data-testid="depot-drawer" data-code={selected} data-ready={detail ? 'true' : 'false'}>
      <header className="drawer-header">
        <div>
          <h2 id="drawer-title">
            {d ? nameOf(locale, d) : selected} <LiveDataMark />
          </h2>
          <p className="drawer-sub">
            <code>{selected}</code>
            {d && (
              <>
                {' · '}
                {label(t, 'operator', d.operatorKind)} · {t('figures.col.plan')} <PlanShare share={d.planCompletion} /> · {t('depots.col.fill')} {formatPercent(locale, d.fill)}
                {d.underFloor && <span className="band band-severe">{t('depots.underFloor')}</span>}
              </>
            )}
          </p>
        </div>
        <button ref={closeButton} type="button" onClick={close} data-testid="drawer-close">
          {t('drawer.close')}
        </button>
      </header>
      <div className="drawer-body">
        {error && (
          <p className="error-detail" role="alert">
            {error.message}
          </p>
        )}
        {!detail && !error && <p className="panel-empty">{t('drawer.loading')}</p>}
        {detail && (
          <>
            <Stock detail={detail} t={t} locale={locale} />
            <Lots detail={detail} t={t} locale={locale} />
            <Movements detail={detail} t={t} locale={locale} />
          </>
        )}
      </div>
    </aside>
  );
}
