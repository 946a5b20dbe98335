import type { LotTrace } from '../../../../shared/contract';
import { nameOf } from '../../format/labels';
import { formatNumber } from '../../format/numbers';
import { useLocale, useT } from '../../i18n';
import { situationSelectors, useSituationStore } from '../../stores/situation-store';
import { TraceEventItem } from './TraceEventItem';

/** A lot's whole life in log order, from intake on; each event links to its instruction. */
export function LotTimeline({ trace, onInstruction }: { trace: LotTrace; onInstruction(id: string): void }) {
  const t = useT();
  const locale = useLocale();
  const categories = useSituationStore(situationSelectors.categories);
  const category = categories.find((c) => c.code === trace.lot.category);
  const places = new Map((trace.places ?? []).map((p) => [p.code, p]));
  const depotName = (code: string) => {
    const p = places.get(code);
    return p ? nameOf(locale, p) : code;
  };
  const n = (v: number) => formatNumber(locale, v);
  return (
    <section className="panel trace-timeline" data-testid="trace-lot" data-lot={trace.lot.lotId} data-events={trace.events.length} data-chain={trace.chain.ok ? 'ok' : 'broken'}>
      <h2 className="panel-title">{t('trace.lot.title', { lot: trace.lot.lotId })}</h2>
      <p className="trace-facts">
        {t('trace.lot.facts', {
          category: category ? nameOf(locale, category) : trace.lot.category,
          quantityIn: n(trace.lot.quantityIn),
          onHand: n(trace.lot.onHand),
          inTransit: n(trace.lot.inTransit),
          expiry: trace.lot.expiryDate,
        })}{' '}
        <span className={`chain-badge chain-${trace.chain.ok ? 'ok' : 'broken'}`}>
          {trace.chain.ok ? t('trace.chain.ok') : t('trace.chain.broken', { n: trace.chain.broken })}
        </span>
      </p>
      <ol className="trace-events" data-testid="trace-events">
        {trace.events.map((e) => (
          <TraceEventItem key={`${e.region}:${e.seq}`} event={e} links={{ depotName, onInstruction }} />
        ))}
      </ol>
    </section>
  );
}
