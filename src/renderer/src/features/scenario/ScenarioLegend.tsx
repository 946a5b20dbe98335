import { HAZARD_LEVELS } from '../../../../shared/domain/hazard';
import { useT } from '../../i18n';
import { FLOW_COLOURS, LEVEL_COLOURS, STOCK_COLOURS } from './scenario-layers';

const css = ([r, g, b]: readonly number[], a = 1) => `rgba(${r}, ${g}, ${b}, ${a})`;

/** The scenario overlay's keys in the map legend, in the colours its layers use. */
export function ScenarioLegend({ hazard, frame }: { hazard: boolean; frame: boolean }) {
  const t = useT();
  return (
    <>
      {hazard && (
        <section className="scenario-legend" data-testid="legend-hazard">
          <h3>{t('scenario.legend.hazard')}</h3>
          <ul className="map-legend-scale">
            {HAZARD_LEVELS.map((l) => (
              <li key={l} data-testid={`legend-hazard-${l}`}>
                <span className="map-swatch" style={{ background: css(LEVEL_COLOURS[l], 0.45), outline: `2px solid ${css(LEVEL_COLOURS[l])}` }} />
                {t(`hazard.level.${l}`)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {frame && (
        <section className="scenario-legend" data-testid="legend-plan-day">
          <h3>{t('scenario.legend.stock')}</h3>
          <ul className="map-legend-scale">
            <li>
              <span className="map-dot" style={{ background: css(STOCK_COLOURS.aboveFloor) }} />
              {t('scenario.legend.aboveFloor')}
            </li>
            <li>
              <span className="map-dot" style={{ background: css(STOCK_COLOURS.belowFloor) }} />
              {t('scenario.legend.belowFloor')}
            </li>
            <li>
              <span className="map-gradient" style={{ width: 60, background: `linear-gradient(90deg, ${css(FLOW_COLOURS.from)}, ${css(FLOW_COLOURS.to)})` }} />
              {t('scenario.legend.flows')}
            </li>
          </ul>
        </section>
      )}
    </>
  );
}
