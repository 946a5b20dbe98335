import type { Rect } from '../../shared/contract/display-schemas';

/** What the window plan needs to know of a display (Electron's Display, or a stand-in). */
export interface DisplayDesc {
  id: string;
  label: string;
  bounds: Rect;
  workArea: Rect;
  scaleFactor: number;
  primary: boolean;
}

/** Left to right, then top to bottom: the order people read a desk of monitors in. */
export function byPosition(a: DisplayDesc, b: DisplayDesc): number {
  return a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y;
}

/**
 * A key that survives a restart, where display ids may not: the monitor's label and size,
 * then its rank among displays with the same label and size in position order. Without
 * labels (common on Linux) identical monitors are thus told apart by position order alone.
 */
export function displayKeys(displays: readonly DisplayDesc[]): Map<string, string> {
  const keys = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const d of [...displays].sort(byPosition)) {
    const base = `${d.label.trim() || 'display'}|${d.bounds.width}x${d.bounds.height}`;
    const rank = seen.get(base) ?? 0;
    seen.set(base, rank + 1);
    keys.set(d.id, `${base}|${rank}`);
  }
  return keys;
}
