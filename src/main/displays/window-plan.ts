import type { DisplayAssignment, PlannedWindow, WorkstationLayout } from '../../shared/contract/display-schemas';
import { byPosition, displayKeys, type DisplayDesc } from './display-key';

export interface WindowPlanOptions {
  /** Every wall the app has, in catalogue order: a new display gets the first one not yet shown. */
  walls: readonly string[];
  /** Kiosk windows: full screen on every display, whatever their number. */
  kiosk: boolean;
}

export interface WindowPlan {
  /** One window per display at most, in position order. */
  windows: PlannedWindow[];
  /** Walls whose display is gone and that found no free display. */
  parked: string[];
  /** The layout with an assignment recorded for each display seen for the first time. */
  layout: WorkstationLayout;
}

/** Assignments kept for displays not present, so a wall returns to a monitor plugged back in. */
const MAX_ASSIGNMENTS = 32;

/**
 * Which wall goes on which display, from the displays present and the stored layout:
 * - a display with a stored assignment shows its wall (or nothing when the wall is null);
 * - a display seen for the first time takes the wall of a display that went away (its key may
 *   have changed with a new resolution), else the first wall nobody shows, else the default;
 *   its choice is recorded in the returned layout so it comes back there after a restart;
 * - a wall whose display went away moves to a present display that shows nothing (the primary
 *   first), else it is parked until reassigned;
 * - at least one window stays open while any display exists.
 */
export function planWindows(displays: readonly DisplayDesc[], layout: WorkstationLayout, options: WindowPlanOptions): WindowPlan {
  const known = new Set(options.walls);
  const keys = displayKeys(displays);
  const ordered = [...displays].sort(byPosition);
  const stored = new Map<string, string | null>();
  for (const a of layout.assignments) {
    if (stored.has(a.displayKey)) continue;
    stored.set(a.displayKey, a.wall !== null && !known.has(a.wall) ? null : a.wall);
  }

  const chosen = new Map<string, string | null>();
  const fresh: DisplayDesc[] = [];
  for (const d of ordered) {
    const key = keys.get(d.id)!;
    if (stored.has(key)) chosen.set(d.id, stored.get(key)!);
    else fresh.push(d);
  }

  const shown = () => new Set([...chosen.values()].filter((w): w is string => w !== null));
  const presentKeys = new Set(keys.values());
  const orphans = [
    ...new Set(
      layout.assignments
        .filter((a) => !presentKeys.has(a.displayKey) && a.wall !== null && known.has(a.wall))
        .map((a) => a.wall as string),
    ),
  ].filter((w) => !shown().has(w));

  const added: DisplayAssignment[] = [];
  for (const d of fresh) {
    const taken = shown();
    const wall = orphans.shift() ?? options.walls.find((w) => !taken.has(w)) ?? layout.defaultWall;
    chosen.set(d.id, wall);
    added.push({ displayKey: keys.get(d.id)!, wall });
  }

  const free = ordered.filter((d) => chosen.get(d.id) === null).sort((a, b) => Number(b.primary) - Number(a.primary));
  for (const d of free) {
    const wall = orphans.shift();
    if (wall === undefined) break;
    chosen.set(d.id, wall);
  }

  if (ordered.length > 0 && shown().size === 0) {
    const primary = ordered.find((d) => d.primary) ?? ordered[0]!;
    chosen.set(primary.id, orphans.shift() ?? layout.defaultWall);
  }

  const fullscreen = options.kiosk || ordered.length > 1;
  const windows: PlannedWindow[] = [];
  for (const d of ordered) {
    const wall = chosen.get(d.id);
    if (wall === null || wall === undefined) continue;
    windows.push({ displayId: d.id, displayKey: keys.get(d.id)!, wall, bounds: fullscreen ? d.bounds : d.workArea, fullscreen, kiosk: options.kiosk });
  }
  return { windows, parked: orphans, layout: withAdded(layout, added, presentKeys) };
}

/** Appends new displays' assignments; beyond the cap, forgets displays not present, oldest first. */
function withAdded(layout: WorkstationLayout, added: DisplayAssignment[], present: Set<string>): WorkstationLayout {
  if (added.length === 0) return layout;
  const assignments = [...layout.assignments, ...added];
  while (assignments.length > MAX_ASSIGNMENTS) {
    const i = assignments.findIndex((a) => !present.has(a.displayKey));
    assignments.splice(i === -1 ? 0 : i, 1);
  }
  return { ...layout, assignments };
}
