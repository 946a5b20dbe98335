import { useState } from 'react';
import type { MapMessageKey, MapText } from '../i18n/map-messages';
import { ARC_SOURCE, ARC_TARGET, HEAT_RANGE, planLegend, riskLegend, toCss } from '../scales/color-scales';
import type { MapLayerId } from '../state/map-layers-store';
import { openAtStartOnThisScreen } from './open-at-start';

interface Props {
  t: MapText;
  visible: Record<MapLayerId, boolean>;
}

/** Keys to every visible layer, in the same colours the layers use. Folds away on a small map. */
export function Legend({ t, visible }: Props) {
  const [openAtStart] = useState(openAtStartOnThisScreen);
  return (
    <details className="map-legend" data-testid="map-legend" open={openAtStart}>
      <summary>{t('legend')}</summary>
      {visible.provinces && (
        <section>
          <h3>{t('legendRisk')}</h3>
          <ul className="map-legend-scale">
            {riskLegend().map((b) => (
              <li key={b.band} data-testid={`legend-risk-${b.band}`}>
                <span className="map-swatch" data-swatch={toCss(b.colour)} style={{ background: toCss(b.colour) }} />
                {t(`band.${b.band}` as MapMessageKey)} <small>≥{b.from}</small>
              </li>
            ))}
          </ul>
        </section>
      )}
      {visible.depots && (
        <section>
          <h3>{t('legendPlan')}</h3>
          <ul className="map-legend-scale">
            {planLegend().map((b) => (
              <li key={b.band} data-testid={`legend-plan-${b.band}`}>
                <span className="map-dot" data-swatch={toCss(b.colour)} style={{ background: toCss(b.colour) }} />
                {t(`plan.${b.band}` as MapMessageKey)} <small>≥{Math.round(b.from * 100)}%</small>
              </li>
            ))}
          </ul>
          <p className="map-legend-note">{t('legendSize')}</p>
        </section>
      )}
      {visible.transfers && (
        <section className="map-legend-minor">
          <h3>{t('layer.transfers')}</h3>
          <span className="map-gradient" style={{ background: `linear-gradient(90deg, ${toCss(ARC_SOURCE)}, ${toCss(ARC_TARGET)})` }} />
          <p className="map-legend-note">{t('legendArcs')}</p>
        </section>
      )}
      {visible.alerts && (
        <section className="map-legend-minor">
          <h3>{t('legendHeat')}</h3>
          <span className="map-gradient" style={{ background: `linear-gradient(90deg, ${HEAT_RANGE.map(toCss).join(', ')})` }} />
        </section>
      )}
    </details>
  );
}
