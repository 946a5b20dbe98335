import { z } from 'zod';

export const WALL_TYPES = ['national-overview', 'region-focus', 'category-reserves', 'alerts-tasks', 'traceability', 'emergency-operations', 'optimisation'] as const;
export type WallType = (typeof WALL_TYPES)[number];

export const PANEL_KINDS = [
  'map',
  'kpi-strip',
  'province-table',
  'depot-table',
  'class-cover-chart',
  'province-floor-chart',
  'alert-list',
  'transfer-list',
  'trend-chart',
  'instruction-list',
  'trace-search',
  'trace-timeline',
  'trace-map',
  'emergency-levels',
  'emergency-officer',
  'dispatch-scenario',
  'dispatch-plan',
  'optim-costs',
  'optim-rotation',
  'optim-layout',
  'optim-sizing',
  'forecast-chart',
  'forecast-risk',
] as const;
export type PanelKind = (typeof PANEL_KINDS)[number];

/**
 * A wall is plain JSON: a CSS grid and the panels placed in its areas, plus the wall's own
 * parameters (the province a region wall falls back to, the category a reserves wall shows).
 */
export const wallLayoutSchema = z.object({
  type: z.enum(WALL_TYPES),
  version: z.literal(1),
  grid: z.object({
    columns: z.string().max(200),
    rows: z.string().max(200),
    areas: z.array(z.string().max(200)).min(1).max(12),
  }),
  panels: z.array(z.object({ id: z.string().min(1).max(40), kind: z.enum(PANEL_KINDS), area: z.string().regex(/^[a-z][a-z0-9-]*$/) })).min(1).max(12),
  params: z.object({ region: z.string().regex(/^\d{6}$/).optional(), category: z.string().max(64).optional() }).default({}),
});
export type WallLayout = z.output<typeof wallLayoutSchema>;

/** Parses a stored or shipped layout; a layout whose panels name areas the grid lacks is refused. */
export function parseWallLayout(json: unknown): WallLayout {
  const layout = wallLayoutSchema.parse(json);
  const areas = new Set(layout.grid.areas.flatMap((row) => row.split(/\s+/)));
  for (const p of layout.panels) if (!areas.has(p.area)) throw new Error(`wall ${layout.type}: panel ${p.id} is placed in unknown area ${p.area}`);
  return layout;
}
