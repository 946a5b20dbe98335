import type { InstructionSummary, OfficerIdentity } from '../../../shared/contract';
import { PROVINCES } from '../../../shared/domain/provinces';
import { getInrs } from '../bridge';
import { mayAcknowledge, nameInSubject } from '../dispatch/acknowledge-rights';
import { dispatchSelectors, useDispatchStore } from '../dispatch/dispatch-store';
import { mayForward } from '../dispatch/forward-rights';
import { emergencySelectors, useEmergencyStore } from '../emergency/emergency-store';
import { filterSelectors, useFilterStore } from '../filters/filter-store';
import { label, nameOf } from '../format/labels';
import { formatNumber } from '../format/numbers';
import { useTimeFormat } from '../format/time-zone-store';
import { useHostQuery } from '../hooks/useHostQuery';
import { useLocale, useT } from '../i18n';
import { situationSelectors, useSituationStore } from '../stores/situation-store';
import '../dispatch/dispatch.css';
import './instruction-list.css';

const SHOWN = 50;
const provinceName = new Map(PROVINCES.map((p) => [p.adcode, p]));

function AckCell({ i, identity }: { i: InstructionSummary; identity: OfficerIdentity | null }) {
  const t = useT();
  const ack = useDispatchStore(dispatchSelectors.ack(i.id));
  const { acknowledge } = useDispatchStore(dispatchSelectors.actions);
  if (i.acknowledgedBy) return <span className="cell-sub">{t('instructions.ack.by', { name: nameInSubject(i.acknowledgedBy) })}</span>;
  if (ack?.status === 'answered' && ack.answer.status === 'refused') {
    return (
      <span className="dispatch-error" role="alert" data-testid="ack-refused">
        {t('instructions.ack.refused')}: {ack.answer.reason}
      </span>
    );
  }
  if (ack?.status === 'failed') {
    return (
      <span className="dispatch-error" role="alert" data-testid="ack-failed">
        {t('instructions.ack.failed')}: {ack.error.message}
      </span>
    );
  }
  if (!mayAcknowledge(identity, i)) return null;
  const sending = ack?.status === 'sending' || (ack?.status === 'answered' && ack.answer.status === 'accepted');
  return (
    <button type="button" data-testid="ack-button" disabled={sending} onClick={() => void acknowledge(i.region, i.id)}>
      {sending ? t('instructions.ack.sending') : t('instructions.ack')}
    </button>
  );
}

/** Passes an acknowledged central instruction on to the region's depots; the server's answer per depot. */
function ForwardCell({ i, identity }: { i: InstructionSummary; identity: OfficerIdentity | null }) {
  const t = useT();
  const state = useDispatchStore(dispatchSelectors.forward(i.id));
  const { forward } = useDispatchStore(dispatchSelectors.actions);
  if (state?.status === 'failed') {
    return (
      <span className="dispatch-error" role="alert" data-testid="forward-failed">
        {t('instructions.forward.failed')}: {state.error.message}
      </span>
    );
  }
  if (state?.status === 'answered') {
    const refused = state.results.filter((r) => r.status !== 'accepted');
    if (refused.length > 0) {
      return (
        <span className="dispatch-error" role="alert" data-testid="forward-refused">
          {t('instructions.forward.refused')}: {refused.map((r) => `${r.depot} ${r.reason ?? r.code ?? ''}`).join('; ')}
        </span>
      );
    }
    return (
      <span className="cell-sub" data-testid="forward-done">
        {t('instructions.forward.done', { count: state.results.length })}
      </span>
    );
  }
  if (!mayForward(identity, i)) return null;
  const sending = state?.status === 'sending';
  return (
    <button type="button" data-testid="forward-button" disabled={sending} onClick={() => void forward(i.region, i.id)}>
      {sending ? t('instructions.forward.sending') : t('instructions.forward')}
    </button>
  );
}

/** The newest instructions of the provinces and categories in scope: level, status, and receipt by the addressee. */
export function InstructionList() {
  const shortTime = useTimeFormat();
  const t = useT();
  const locale = useLocale();
  const filter = useFilterStore(filterSelectors.filter);
  const version = useSituationStore(situationSelectors.situation)?.dataVersion;
  const identity = useEmergencyStore(emergencySelectors.identity);
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
                <th scope="col" className="num instruction-lines">{t('instructions.col.lines')}</th>
                <th scope="col">{t('instructions.col.status')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => {
                const province = provinceName.get(i.region);
                return (
                  <tr key={i.id} data-id={i.id} data-level={i.level} data-status={i.status}>
                    <th scope="row">
                      <code className="instruction-id" title={i.id}>
                        {i.id}
                      </code>
                      {i.parentId && (
                        <span className="cell-sub" data-testid="instruction-parent" data-parent={i.parentId}>
                          {' '}
                          {t('instructions.parent', { id: i.parentId })}
                        </span>
                      )}
                    </th>
                    {/* Two facts a cell, so the table fits a side column without scrolling sideways. */}
                    <td>
                      {label(t, 'instruction.kind', i.kind)}
                      <div className="cell-sub">{label(t, 'instructions.level', i.level)}</div>
                    </td>
                    <td>{province ? nameOf(locale, province) : i.region}</td>
                    <td className="num">{formatNumber(locale, i.lines)}</td>
                    <td>
                      <span className={`instruction-status instruction-status-${i.status}`}>{label(t, 'trace.instruction.status', i.status)}</span>
                      <div className="cell-sub instruction-issued">{shortTime(i.issuedAt)}</div>
                    </td>
                    <td>
                      <AckCell i={i} identity={identity} />
                      <ForwardCell i={i} identity={identity} />
                    </td>
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
