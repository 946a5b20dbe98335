import { z } from 'zod';

/**
 * Displays of a workstation, the walls assigned to them, and kiosk settings. The layout is
 * stored per machine (JSON in the data dir) and changed from the settings panel.
 */

/** A wall's name as the renderer's catalogue spells it; checked against the catalogue there. */
export const wallNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'wall name must be lower-case words joined by hyphens');

export const rectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const displayInfoSchema = z.object({
  /** The platform's id of the display for this run (it may change across restarts). */
  id: z.string().min(1).max(64),
  /** The stable key windows are matched by across restarts (label, size, position order). */
  key: z.string().min(1).max(300),
  label: z.string().max(200),
  /** Null for the browser host's virtual display: a tab's size is the browser's business. */
  bounds: rectSchema.nullable(),
  workArea: rectSchema.nullable(),
  scaleFactor: z.number().positive(),
  primary: z.boolean(),
  /** True for the browser host's one virtual display (the current tab). */
  virtual: z.boolean(),
});

/** A wall on a display; `wall: null` keeps the display free of app windows. */
export const displayAssignmentSchema = z.object({
  displayKey: z.string().min(1).max(300),
  wall: wallNameSchema.nullable(),
});

export const MIN_KIOSK_INTERVAL_S = 2;
export const MAX_KIOSK_INTERVAL_S = 3600;

export const kioskSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  /** Walls shown in turn; empty: the renderer's default playlist (one wall: the kiosk stays on it). */
  playlist: z.array(wallNameSchema).max(20).default([]),
  intervalSeconds: z.number().int().min(MIN_KIOSK_INTERVAL_S).max(MAX_KIOSK_INTERVAL_S).default(30),
  /** Seconds without pointer movement after which the cursor is hidden. */
  cursorIdleSeconds: z.number().int().min(1).max(600).default(5),
});

export const workstationLayoutSchema = z.object({
  version: z.literal(1),
  assignments: z.array(displayAssignmentSchema).max(32),
  /** What a display with no assignment shows when no unassigned wall is left. */
  defaultWall: wallNameSchema.default('national-overview'),
  kiosk: kioskSettingsSchema.default({ enabled: false, playlist: [], intervalSeconds: 30, cursorIdleSeconds: 5 }),
});

/** A window the host keeps open: which wall, on which display. */
export const plannedWindowSchema = z.object({
  displayId: z.string(),
  displayKey: z.string(),
  wall: wallNameSchema,
  bounds: rectSchema,
  fullscreen: z.boolean(),
  kiosk: z.boolean(),
});

export const displaysListSchema = z.object({
  host: z.enum(['electron', 'browser']),
  displays: z.array(displayInfoSchema),
  layout: workstationLayoutSchema,
  /** The windows open now (none in the browser host, where each tab is its own window). */
  windows: z.array(plannedWindowSchema),
  /** Walls whose display is gone and that found no free display: not shown until reassigned. */
  parked: z.array(wallNameSchema),
  /** Whether the host itself was started in kiosk mode (--kiosk), whatever the layout says. */
  kioskFlag: z.boolean(),
});

export type Rect = z.output<typeof rectSchema>;
export type DisplayInfo = z.output<typeof displayInfoSchema>;
export type DisplayAssignment = z.output<typeof displayAssignmentSchema>;
export type KioskSettings = z.output<typeof kioskSettingsSchema>;
export type WorkstationLayout = z.output<typeof workstationLayoutSchema>;
export type PlannedWindow = z.output<typeof plannedWindowSchema>;
export type DisplaysList = z.output<typeof displaysListSchema>;

export const DEFAULT_WORKSTATION_LAYOUT: WorkstationLayout = workstationLayoutSchema.parse({ version: 1, assignments: [] });
