import { formatNumber } from '../format/numbers';
import { useTimeFormat } from '../format/time-zone-store';
import { useCategoryName, useDepotName } from '../format/names';
import { useLocale, useT } from '../i18n';
import { depotSelectors, useDepotStore } from '../stores/depot-store';
import { situationSelectors, useSituationStore } from '../stores/situation-store';

const SHOWN = 200;

/** Transfers under way (sent, not yet fully received): the tasks in progress. */
export function TransferList() {
  const shortTime = useTimeFormat();
  const categoryName = useCategoryName();
  const depotName = useDepotName();
  const t = useT();
  const locale = useLocale();
  const situation = useSituationStore(situationSelectors.situation);
  const { open } = useDepotStore(depotSelectors.actions);
  const transfers = situation?.transfers ?? [];
  return (
    <section className="panel list-panel">
      <h2 className="panel-title" data-testid="tasks-title" data-value={transfers.length}>
        {t('tasks.title', { count: transfers.length })}
      </h2>
      {transfers.length === 0 ? (
        <p className="panel-empty">{t('tasks.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="transfer-table">
            <thead>
              <tr>
                <th scope="col">{t('tasks.col.transfer')}</th>
                <th scope="col">{t('tasks.col.route')}</th>
                <th scope="col" className="num">{t('tasks.col.quantity')}</th>
              </tr>
            </thead>
            <tbody>
              {transfers.slice(0, SHOWN).map((x) => (
                <tr key={x.transferId}>
                  <th scope="row">
                    <code>{x.transferId}</code>
                    <div className="cell-sub" title={x.category}>
                      {categoryName(x.category)}
                    </div>
                  </th>
                  <td className="transfer-route">
                    <button type="button" className="link" title={x.fromDepot} onClick={() => void open(x.fromDepot)}>
                      {depotName(x.fromDepot)}
                    </button>
                    <span className="transfer-route-to">
                      {'→ '}
                      <button type="button" className="link" title={x.toDepot} onClick={() => void open(x.toDepot)}>
                        {depotName(x.toDepot)}
                      </button>
                    </span>
                    {/* The time under the route, so the quantity stays in a side column without scrolling sideways. */}
                    <div className="cell-sub">
                      {t('tasks.col.sent')} {shortTime(x.sentAt)}
                    </div>
                  </td>
                  <td className="num">{formatNumber(locale, x.quantity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
