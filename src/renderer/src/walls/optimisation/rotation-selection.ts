import type { RotationView } from '../../../../shared/contract';

/**
 * The rotation calendar as data: depots × months with the quantity rotated per category, the
 * lowest stock against the floor per cell, which depots to show, and the plan rows an officer's
 * selection stands for. Pure, so the calendar and the issue agree on every figure.
 */
export const rowKey = (r: { lot: string; depot: string }): string => `${r.lot}|${r.depot}`;

export interface CalendarCell {
  depot: string;
  month: string;
  /** Quantity rotated per category code. */
  byCategory: Record<string, number>;
  total: number;
  keys: string[];
  /** Lowest held of the depot's classes against their floors this month (worst margin first). */
  floor: { class: string; held: number; floor: number; belowAtStart: boolean } | null;
}

export interface Calendar {
  depots: string[];
  /** Depots that rotate at all (the calendar may show only the top ones). */
  totalDepots: number;
  months: string[];
  cells: Map<string, CalendarCell>;
}

export const cellKey = (depot: string, month: string) => `${depot}|${month}`;

/** The calendar of a plan; at most `limit` depots, those rotating the most first (then by code). */
export function calendarOf(view: RotationView, limit: number): Calendar {
  const cells = new Map<string, CalendarCell>();
  const cell = (depot: string, month: string): CalendarCell => {
    const k = cellKey(depot, month);
    let c = cells.get(k);
    if (!c) {
      c = { depot, month, byCategory: {}, total: 0, keys: [], floor: null };
      cells.set(k, c);
    }
    return c;
  };
  const volume = new Map<string, number>();
  for (const r of view.rotations) {
    const c = cell(r.depot, r.month);
    c.byCategory[r.category] = (c.byCategory[r.category] ?? 0) + r.quantity;
    c.total += r.quantity;
    c.keys.push(rowKey(r));
    volume.set(r.depot, (volume.get(r.depot) ?? 0) + r.quantity);
  }
  for (const f of view.floorByMonth) {
    const c = cells.get(cellKey(f.depot, f.month));
    if (!c) continue;
    const margin = f.floor > 0 ? f.held / f.floor : Infinity;
    const prev = c.floor;
    if (!prev || margin < (prev.floor > 0 ? prev.held / prev.floor : Infinity)) c.floor = { class: f.class, held: f.held, floor: f.floor, belowAtStart: f.belowFloorAtStart === true };
  }
  const depots = [...volume.keys()].sort((a, b) => (volume.get(b) ?? 0) - (volume.get(a) ?? 0) || (a < b ? -1 : 1));
  return { depots: depots.slice(0, limit), totalDepots: depots.length, months: view.months, cells };
}

/** The plan rows selected, as the host takes them to issue. */
export function issueRows(view: RotationView, selected: ReadonlySet<string>) {
  return view.rotations.filter((r) => selected.has(rowKey(r))).map(({ lot, depot, category, quantity, month }) => ({ lot, depot, category, quantity, month }));
}

/** The regions and months the selected rows fall in: one instruction each. */
export function instructionGroups(view: RotationView, selected: ReadonlySet<string>): { regions: string[]; count: number } {
  const regionOf = new Map(view.depots.map((d) => [d.code, d.region]));
  const groups = new Set<string>();
  const regions = new Set<string>();
  for (const r of view.rotations) {
    if (!selected.has(rowKey(r))) continue;
    const region = regionOf.get(r.depot) ?? '';
    regions.add(region);
    groups.add(`${region}|${r.month}`);
  }
  return { regions: [...regions].sort(), count: groups.size };
}
