const GAP = 16;

/**
 * Where a tooltip of size w×h goes for a pointer at (x, y) in a container of W×H: below right
 * of the pointer, flipped to the other side where it would leave the container, and kept inside.
 */
export function placeTooltip(x: number, y: number, w: number, h: number, W: number, H: number): { left: number; top: number } {
  let left = x + GAP;
  if (left + w > W) left = x - GAP - w;
  let top = y + GAP;
  if (top + h > H) top = y - GAP - h;
  return { left: Math.max(0, Math.min(left, W - w)), top: Math.max(0, Math.min(top, H - h)) };
}
