import type { InstructionTrace } from '../../../../shared/contract';
import { label } from '../../format/labels';
import { formatNumber } from '../../format/numbers';
import { useTimeFormat } from '../../format/time-zone-store';
import { actorDisplayName, useCategoryName } from '../../format/names';
import { useLocale, useT } from '../../i18n';
import { TraceEventItem } from './TraceEventItem';

/** What an instruction authorised and every movement made under it; each movement links to its lot. */
export function InstructionView({
  trace,
  onLot,
  onInstruction,
  onBack,
}: {
  trace: InstructionTrace;
  onLot(lotId: string): void;
  /** Opens a forwarded (child) instruction's own trace. */
  onInstruction?(id: string): void;
  onBack(): void;
}) {
  const t = useT();
  const shortTime = useTimeFormat();
  const categoryName = useCategoryName();
  const locale = useLocale();
  const i = trace.instruction;
  return (
    <section className="panel trace-timeline" data-testid="trace-instruction" data-instruction={i.id} data-events={trace.events.length}>
      <header className="trace-instruction-head">
        <h2 className="panel-title">{t('trace.instruction.title', { id: i.id })}</h2>
        <button type="button" onClick={onBack} data-testid="trace-instruction-back">
          {t('trace.instruction.back')}
        </button>
      </header>
      <p className="trace-facts">
        {t('trace.instruction.facts', { kind: label(t, 'instruction.kind', i.kind), level: i.level, issuer: actorDisplayName(i.issuer), issuedAt: shortTime(i.issuedAt) })}
        {' · '}
        <span data-testid="trace-instruction-status" data-status={i.status}>
          {t(`trace.instruction.status.${i.status}`)}
        </span>
      </p>
      <h3>{t('trace.instruction.usage')}</h3>
      <table className="data-table compact">
        <thead>
          <tr>
            <th scope="col">{t('trace.col.category')}</th>
            <th scope="col" className="num">{t('trace.instruction.allowed')}</th>
            <th scope="col" className="num">{t('trace.instruction.moved')}</th>
          </tr>
        </thead>
        <tbody>
          {trace.usage.map((u) => (
            <tr key={u.category}>
              <th scope="row" title={u.category}>
                {categoryName(u.category)}
              </th>
              <td className="num">{formatNumber(locale, u.allowed)}</td>
              <td className="num">{formatNumber(locale, Math.max(u.movedIn, u.movedOut))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {trace.children.length > 0 && (
        <>
          <h3>{t('instructions.children')}</h3>
          <ul className="trace-children" data-testid="trace-instruction-children" data-count={trace.children.length}>
            {trace.children.map((c) => (
              <li key={c.id} data-id={c.id} data-status={c.status}>
                {onInstruction ? (
                  <button type="button" className="link-button" onClick={() => onInstruction(c.id)}>
                    <code>{c.id}</code>
                  </button>
                ) : (
                  <code>{c.id}</code>
                )}{' '}
                {label(t, 'instructions.level', c.level)} · {t(`trace.instruction.status.${c.status}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('trace.instruction.movements')}</h3>
      <ol className="trace-events" data-testid="trace-events">
        {trace.events.map((e) => (
          <TraceEventItem key={`${e.region}:${e.seq}`} event={e} links={{ depotName: (code) => code, onLot }} />
        ))}
      </ol>
    </section>
  );
}
