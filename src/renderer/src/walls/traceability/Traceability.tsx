import { gridStyle } from '../grid-style';
import { useEffect } from 'react';
import { getInrs } from '../../bridge';
import { useT } from '../../i18n';
import type { WallProps } from '../catalogue';
import type { PanelKind } from '../layout';
import { InstructionView } from './InstructionView';
import { LotTimeline } from './LotTimeline';
import { TracePathMap } from './TracePathMap';
import { TraceSearch } from './TraceSearch';
import { traceSelectors, useTraceStore } from './trace-store';
import './trace.css';

function TimelinePanel() {
  const t = useT();
  const lotId = useTraceStore(traceSelectors.lotId);
  const lot = useTraceStore(traceSelectors.lot);
  const instructionId = useTraceStore(traceSelectors.instructionId);
  const instruction = useTraceStore(traceSelectors.instruction);
  const error = useTraceStore(traceSelectors.error);
  const { openLot, openInstruction, closeInstruction } = useTraceStore(traceSelectors.actions);
  if (error) {
    return (
      <section className="panel trace-timeline" role="alert" data-testid="trace-error">
        <p className="error-detail">{error.message}</p>
      </section>
    );
  }
  if (instructionId) {
    return instruction ? (
      <InstructionView trace={instruction} onLot={(id) => void openLot(id)} onInstruction={(id) => void openInstruction(id)} onBack={closeInstruction} />
    ) : (
      <section className="panel trace-timeline">
        <p className="panel-empty">{t('trace.loading')}</p>
      </section>
    );
  }
  if (lot) return <LotTimeline trace={lot} onInstruction={(id) => void openInstruction(id)} />;
  return (
    <section className="panel trace-timeline">
      <p className="panel-empty">{lotId ? t('trace.loading') : t('trace.none')}</p>
    </section>
  );
}

/** Traceability: find a lot, follow its whole life and its path, jump between lots and instructions. */
export default function Traceability({ layout }: WallProps) {
  const lotId = useTraceStore(traceSelectors.lotId);
  const lot = useTraceStore(traceSelectors.lot);
  const { openLot, refresh } = useTraceStore(traceSelectors.actions);

  // A lot named in the address (or picked elsewhere) is loaded when the wall is shown.
  useEffect(() => {
    if (lotId && !lot) void openLot(lotId);
  }, [lotId, lot, openLot]);
  useEffect(() => getInrs().events.on('replica:changed', () => void refresh()), [refresh]);

  const style = gridStyle(layout);
  const panel = (kind: PanelKind) => {
    switch (kind) {
      case 'trace-search':
        return <TraceSearch />;
      case 'trace-timeline':
        return <TimelinePanel />;
      case 'trace-map':
        return <TracePathMap trace={lot} />;
      default:
        return null;
    }
  };
  return (
    <main className="wall" style={style} data-testid="wall" data-wall={layout.type}>
      {layout.panels.map((p) => (
        <div key={p.id} className="wall-area" style={{ gridArea: p.area }} data-panel={p.kind}>
          {panel(p.kind)}
        </div>
      ))}
    </main>
  );
}
