import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n';
import type { WallLayout, WallType } from './layout';

export interface WallProps {
  layout: WallLayout;
}

export interface WallEntry {
  type: WallType;
  /** i18n key of the wall's title. */
  title: MessageKey;
  /** Loads the wall's code on first use. */
  load: () => Promise<{ default: ComponentType<WallProps> }>;
}

/** Every wall the app can show; each is its own chunk, loaded after the first wall is up or when first shown. */
export const WALL_CATALOGUE: readonly WallEntry[] = [
  { type: 'national-overview', title: 'wall.national-overview', load: () => import('./national-overview/NationalOverview') },
  { type: 'region-focus', title: 'wall.region-focus', load: () => import('./region-focus/RegionFocus') },
  { type: 'category-reserves', title: 'wall.category-reserves', load: () => import('./category-reserves/CategoryReserves') },
  { type: 'alerts-tasks', title: 'wall.alerts-tasks', load: () => import('./alerts-tasks/AlertsTasks') },
  { type: 'traceability', title: 'wall.traceability', load: () => import('./traceability/Traceability') },
  { type: 'emergency-operations', title: 'wall.emergency-operations', load: () => import('./emergency-operations/EmergencyOperations') },
  { type: 'optimisation', title: 'wall.optimisation', load: () => import('./optimisation/Optimisation') },
  { type: 'scenario', title: 'wall.scenario', load: () => import('../features/scenario/ScenarioWall') },
  { type: 'registry', title: 'wall.registry', load: () => import('./registry/Registry') },
];

export function wallEntry(type: WallType): WallEntry {
  const entry = WALL_CATALOGUE.find((w) => w.type === type);
  if (!entry) throw new Error(`no wall ${type} in the catalogue`);
  return entry;
}
