import { gridStyle } from './grid-style';
import { filterSelectors, useFilterStore } from '../filters/filter-store';
import { AlertList } from '../panels/AlertList';
import { ClassCoverChart } from '../panels/ClassCoverChart';
import { DepotTable } from '../panels/DepotTable';
import { KpiStrip } from '../panels/KpiStrip';
import { MapSlot } from '../panels/MapSlot';
import { ProvinceFloorChart } from '../panels/ProvinceFloorChart';
import { ProvinceRiskTable } from '../panels/ProvinceRiskTable';
import { InstructionList } from '../panels/InstructionList';
import { TransferList } from '../panels/TransferList';
import { TrendChart } from '../panels/TrendChart';
import { ForecastChart } from '../features/forecast/ForecastChart';
import { ForecastRiskList } from '../features/forecast/ForecastRiskList';
import { PlanPanel } from '../dispatch/PlanPanel';
import { ScenarioPanel } from '../dispatch/ScenarioPanel';
import { LevelsTable } from './emergency-operations/LevelsTable';
import { OfficerPanel } from './emergency-operations/OfficerPanel';
import { focusRegionOf } from './focus';
import { PanelReplayMark } from '../replay/LiveDataMark';
import type { PanelKind, WallLayout } from './layout';

/** Lays a wall's panels out on its grid; panels follow the shared filter through the stores. */
export function WallGrid({ layout, zoomToFocus = false }: { layout: WallLayout; zoomToFocus?: boolean }) {
  const filter = useFilterStore(filterSelectors.filter);
  const region = focusRegionOf(filter, layout);
  const style = gridStyle(layout);
  const panel = (kind: PanelKind) => {
    switch (kind) {
      case 'map':
        return <MapSlot {...(zoomToFocus && region ? { focusRegion: region } : {})} />;
      case 'kpi-strip':
        return <KpiStrip />;
      case 'province-table':
        return <ProvinceRiskTable />;
      case 'depot-table':
        return <DepotTable region={region} />;
      case 'class-cover-chart':
        return <ClassCoverChart region={region} />;
      case 'province-floor-chart':
        return <ProvinceFloorChart layout={layout} />;
      case 'alert-list':
        return <AlertList />;
      case 'transfer-list':
        return <TransferList />;
      case 'trend-chart':
        return <TrendChart region={region} />;
      case 'forecast-chart':
        return <ForecastChart region={region} />;
      case 'forecast-risk':
        return <ForecastRiskList />;
      case 'instruction-list':
        return <InstructionList />;
      case 'dispatch-scenario':
        return <ScenarioPanel />;
      case 'dispatch-plan':
        return <PlanPanel />;
      case 'emergency-levels':
        return <LevelsTable />;
      case 'emergency-officer':
        return <OfficerPanel focusRegion={region} />;
    }
  };
  // Panels placed in the same area stack in one column that scrolls inside the wall, never the page.
  const areas = [...new Set(layout.panels.map((p) => p.area))];
  return (
    <main className="wall" style={style} data-testid="wall" data-wall={layout.type}>
      {areas.map((area) => {
        const panels = layout.panels.filter((p) => p.area === area);
        return (
          <div key={area} className={panels.length > 1 ? 'wall-area wall-stack' : 'wall-area'} style={{ gridArea: area }} data-area={area}>
            {panels.map((p) => (
              <div key={p.id} className="wall-panel" data-panel={p.kind}>
                {panel(p.kind)}
                <PanelReplayMark kind={p.kind} />
              </div>
            ))}
          </div>
        );
      })}
    </main>
  );
}
