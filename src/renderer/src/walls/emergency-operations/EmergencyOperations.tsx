import { filterSelectors, useFilterStore } from '../../filters/filter-store';
import { InstructionList } from '../../panels/InstructionList';
import { MapSlot } from '../../panels/MapSlot';
import { PlanPanel } from '../../dispatch/PlanPanel';
import { ScenarioPanel } from '../../dispatch/ScenarioPanel';
import type { WallProps } from '../catalogue';
import { focusRegionOf } from '../focus';
import { gridStyle } from '../grid-style';
import type { PanelKind } from '../layout';
import { LevelsTable } from './LevelsTable';
import { OfficerPanel } from './OfficerPanel';
import '../../emergency/emergency.css';

/**
 * Emergency operations: the map framed on the region in focus, every region's level, the
 * officer's panel (propose, co-sign, cancel, break glass, countersign) and the dispatch
 * panels (scenario, plan, the region's instructions).
 */
export default function EmergencyOperations({ layout }: WallProps) {
  const filter = useFilterStore(filterSelectors.filter);
  const region = focusRegionOf(filter, layout);
  const panel = (kind: PanelKind) => {
    switch (kind) {
      case 'map':
        return <MapSlot {...(region ? { focusRegion: region } : {})} />;
      case 'emergency-levels':
        return <LevelsTable />;
      case 'emergency-officer':
        return <OfficerPanel focusRegion={region} />;
      case 'instruction-list':
        return <InstructionList />;
      case 'dispatch-scenario':
        return <ScenarioPanel />;
      case 'dispatch-plan':
        return <PlanPanel />;
      default:
        return null;
    }
  };
  return (
    <main className="wall" style={gridStyle(layout)} data-testid="wall" data-wall={layout.type}>
      {layout.panels.map((p) => (
        <div key={p.id} className="wall-area" style={{ gridArea: p.area }} data-panel={p.kind}>
          {panel(p.kind)}
        </div>
      ))}
    </main>
  );
}
