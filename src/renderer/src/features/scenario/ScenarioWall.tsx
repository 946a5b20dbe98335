import { useEffect, type ReactNode } from 'react';
import type { WallProps } from '../../walls/catalogue';
import { gridStyle } from '../../walls/grid-style';
import type { PanelKind } from '../../walls/layout';
import { DayPanel } from './DayPanel';
import { HazardPanel } from './HazardPanel';
import { PlanCompare } from './PlanCompare';
import { ScenarioEditor } from './ScenarioEditor';
import { ScenarioMap } from './ScenarioMap';
import { useScenarioStore } from './scenario-store';
import './scenario.css';

/**
 * Scenario simulation (情景推演): a hazard warning file becomes a scenario, its response plans are
 * run in the host's simulation worker and compared side by side, day by day on the map, and the
 * chosen one becomes a dispatch recommendation. The host keeps the hazard and the last run.
 */
export default function ScenarioWall({ layout }: WallProps) {
  useEffect(() => void useScenarioStore.getState().actions.restore(), []);
  const panel = (kind: PanelKind): ReactNode => {
    switch (kind) {
      case 'scenario-hazard':
        return <HazardPanel />;
      case 'scenario-editor':
        return <ScenarioEditor />;
      case 'scenario-map':
        return <ScenarioMap />;
      case 'scenario-compare':
        return <PlanCompare />;
      case 'scenario-days':
        return <DayPanel />;
      default:
        return null;
    }
  };
  const areas = [...new Set(layout.panels.map((p) => p.area))];
  return (
    <main className="wall scenario-wall" style={gridStyle(layout)} data-testid="wall" data-wall={layout.type}>
      {areas.map((area) => {
        const panels = layout.panels.filter((p) => p.area === area);
        return (
          <div key={area} className={panels.length > 1 ? 'wall-area wall-stack' : 'wall-area'} style={{ gridArea: area }} data-area={area}>
            {panels.map((p) => (
              <div key={p.id} className="wall-panel" data-panel={p.kind}>
                {panel(p.kind)}
              </div>
            ))}
          </div>
        );
      })}
    </main>
  );
}
