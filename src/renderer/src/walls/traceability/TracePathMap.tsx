import { useMemo } from 'react';
import type { LotTrace } from '../../../../shared/contract';
import { useT } from '../../i18n';
import { MapView } from '../../map/MapView';
import { depotSelectors, useDepotStore } from '../../stores/depot-store';
import { situationSelectors, useSituationStore } from '../../stores/situation-store';
import { traceSituation } from './path-legs';

const NO_FILTER = { classes: [], categories: [], regions: [], riskBands: [] };

/** The lot's path across depots on the national map: its depots, and one arc per transfer leg. */
export function TracePathMap({ trace }: { trace: LotTrace | null }) {
  const t = useT();
  const provinces = useSituationStore(situationSelectors.situation)?.provinces;
  const { open } = useDepotStore(depotSelectors.actions);
  const situation = useMemo(() => (trace ? traceSituation(trace, provinces ?? []) : null), [trace, provinces]);
  const legs = situation?.transfers.length ?? 0;
  return (
    <section className="panel map-slot trace-map" data-testid="trace-map" data-path-legs={legs} data-lot={trace?.lot.lotId ?? ''}>
      <h2 className="panel-title trace-map-title">
        {t('trace.path.title')}
        {trace && <> · {legs > 0 ? t('trace.path.legs', { n: legs }) : t('trace.path.none')}</>}
      </h2>
      {situation && trace && (
        <MapView
          situation={situation}
          filter={NO_FILTER}
          // Framed on the lot's province: its legs are short next to the whole country.
          {...(trace.lot.region !== '000000' ? { focusRegion: trace.lot.region } : {})}
          onSelectProvince={() => {}}
          onSelectDepot={(code) => void open(code)}
        />
      )}
    </section>
  );
}
