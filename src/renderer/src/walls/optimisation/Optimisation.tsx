import type { ReactNode } from 'react';
import { filterSelectors, useFilterStore } from '../../filters/filter-store';
import { InstructionList } from '../../panels/InstructionList';
import { situationSelectors, useSituationStore } from '../../stores/situation-store';
import type { WallProps } from '../catalogue';
import { focusRegionOf } from '../focus';
import { gridStyle } from '../grid-style';
import type { PanelKind } from '../layout';
import { CostPanel } from './CostPanel';
import { LayoutPanel } from './LayoutPanel';
import { RotationPanel } from './RotationPanel';
import { SizingPanel } from './SizingPanel';
import { optimisationSelectors, useOptimisationStore } from './optimisation-store';
import './optimisation.css';

/**
 * Optimisation in normal times: the rotation calendar and its issue, the layout proposal
 * against today's sites, the cost structure and the reserve sizing hint, all for the region the
 * filter picked (or the whole country), recomputed when the replica changes.
 */
export default function Optimisation({ layout }: WallProps) {
  const filter = useFilterStore(filterSelectors.filter);
  const region = focusRegionOf(filter, layout) ?? null;
  // The replica is loaded: the computations can start. They are not redone on each change of a
  // live replica (every few seconds), only when the scope changes or the officer asks.
  const ready = useSituationStore(situationSelectors.situation) !== null;
  const rotation = useOptimisationStore(optimisationSelectors.rotation);
  // Costs and sizing follow the plan the calendar shows.
  const planAt = rotation.status === 'done' || rotation.status === 'failed' ? `${rotation.key}|${rotation.status === 'done' ? rotation.at : 'failed'}` : null;
  const panel = (kind: PanelKind): ReactNode => {
    switch (kind) {
      case 'optim-rotation':
        return <RotationPanel region={region} ready={ready} />;
      case 'optim-layout':
        return <LayoutPanel region={region} ready={ready} />;
      case 'optim-costs':
        return <CostPanel region={region} planAt={planAt} />;
      case 'optim-sizing':
        return <SizingPanel region={region} planAt={planAt} />;
      case 'instruction-list':
        return <InstructionList />;
      default:
        return null;
    }
  };
  const areas = [...new Set(layout.panels.map((p) => p.area))];
  return (
    <main className="wall optim-wall" style={gridStyle(layout)} data-testid="wall" data-wall={layout.type}>
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
