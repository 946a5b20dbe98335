import type { TraceEvent } from '../../../../shared/contract';
import { label } from '../../format/labels';
import { formatNumber } from '../../format/numbers';
import { useTimeFormat } from '../../format/time-zone-store';
import { actorDisplayName } from '../../format/names';
import { useLocale, useT } from '../../i18n';

export interface EventLinks {
  depotName(code: string): string;
  onInstruction?(id: string): void;
  onLot?(lotId: string): void;
}

/** One event of a trace: what, when (happened and recorded), who, where, how much, under which instruction, and whether its hashes hold. */
export function TraceEventItem({ event: e, links }: { event: TraceEvent; links: EventLinks }) {
  const shortTime = useTimeFormat();
  const t = useT();
  const locale = useLocale();
  const where = e.fromDepot && e.toDepot ? `${links.depotName(e.fromDepot)} → ${links.depotName(e.toDepot)}` : e.depot ? links.depotName(e.depot) : '';
  return (
    <li className={`trace-event chain-${e.chain}`} data-testid="trace-event" data-type={e.type} data-seq={e.seq} data-region={e.region} data-chain={e.chain} data-instruction={e.instructionId ?? ''}>
      <div className="trace-event-head">
        <span className="trace-event-type">{label(t, 'movement', e.type)}</span>
        <span className="cell-sub">{t('trace.event.seq', { seq: e.seq })}</span>
        <span className={`chain-badge chain-${e.chain}`} title={[e.hash, e.chainNote].filter(Boolean).join(' · ')} data-testid="trace-event-chain">
          {t(e.chain === 'ok' ? 'trace.event.ok' : 'trace.event.broken')}
        </span>
      </div>
      <dl className="trace-event-facts">
        <dt>{t('trace.event.eventTime')}</dt>
        <dd>{shortTime(e.eventTime)}</dd>
        <dt>{t('trace.event.recordTime')}</dt>
        <dd>{shortTime(e.recordTime)}</dd>
        <dt>{t('trace.event.who')}</dt>
        <dd data-testid="trace-event-actor" data-role={e.actor.role}>
          <span title={e.actor.subject}>{actorDisplayName(e.actor.subject)}</span> · {label(t, 'role', e.actor.role)}
        </dd>
        {where && (
          <>
            <dt>{t('trace.event.where')}</dt>
            <dd>{where}</dd>
          </>
        )}
        {e.quantity !== null && (
          <>
            <dt>{t('trace.event.quantity')}</dt>
            <dd>{formatNumber(locale, e.quantity)}</dd>
          </>
        )}
        {e.instructionId && (
          <>
            <dt>{t('trace.event.instruction')}</dt>
            <dd>
              {links.onInstruction ? (
                <button type="button" className="link-button" data-testid="trace-open-instruction" data-instruction={e.instructionId} onClick={() => links.onInstruction?.(e.instructionId as string)}>
                  {e.instructionId}
                </button>
              ) : (
                <code>{e.instructionId}</code>
              )}
            </dd>
          </>
        )}
        {links.onLot && e.lotId && (
          <>
            <dt>{t('trace.col.lot')}</dt>
            <dd>
              <button type="button" className="link-button" data-testid="trace-open-lot" data-lot={e.lotId} onClick={() => links.onLot?.(e.lotId as string)}>
                {e.lotId}
              </button>
            </dd>
          </>
        )}
      </dl>
    </li>
  );
}
