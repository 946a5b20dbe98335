import alertsTasks from './alerts-tasks/layout.json';
import categoryReserves from './category-reserves/layout.json';
import emergencyOperations from './emergency-operations/layout.json';
import { parseWallLayout, type WallLayout, type WallType } from './layout';
import nationalOverview from './national-overview/layout.json';
import optimisation from './optimisation/layout.json';
import regionFocus from './region-focus/layout.json';
import registry from './registry/layout.json';
import traceability from './traceability/layout.json';
import scenario from '../features/scenario/layout.json';

/** The shipped layouts, checked against the layout schema when the app loads. */
export const DEFAULT_LAYOUTS: Record<WallType, WallLayout> = {
  'national-overview': parseWallLayout(nationalOverview),
  'region-focus': parseWallLayout(regionFocus),
  'category-reserves': parseWallLayout(categoryReserves),
  'alerts-tasks': parseWallLayout(alertsTasks),
  traceability: parseWallLayout(traceability),
  'emergency-operations': parseWallLayout(emergencyOperations),
  optimisation: parseWallLayout(optimisation),
  scenario: parseWallLayout(scenario),
  registry: parseWallLayout(registry),
};
