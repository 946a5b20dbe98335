/**
 * Albers equal-area conic for China (standard parallels 25° N and 47° N, central meridian
 * 105° E), the projection Chinese national maps use, fitted into a box on the page.
 */
const RAD = Math.PI / 180;
const PHI1 = 25 * RAD;
const PHI2 = 47 * RAD;
const LAMBDA0 = 105 * RAD;
const PHI0 = 0;
const N = (Math.sin(PHI1) + Math.sin(PHI2)) / 2;
const C = Math.cos(PHI1) ** 2 + 2 * N * Math.sin(PHI1);
const RHO0 = Math.sqrt(C - 2 * N * Math.sin(PHI0)) / N;

export type Point = readonly [number, number];

/** Projected x, y (y up) on the unit sphere. */
export function albers([lon, lat]: Point): Point {
  const rho = Math.sqrt(C - 2 * N * Math.sin(lat * RAD)) / N;
  const theta = N * (lon * RAD - LAMBDA0);
  return [rho * Math.sin(theta), RHO0 - rho * Math.cos(theta)];
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A function from lon/lat to page points (y down) that fits `bounds` ([west, south, east, north]) in `box`. */
export function fitProjection(bounds: readonly [number, number, number, number], box: Box): (p: Point) => Point {
  const [west, south, east, north] = bounds;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  // The conic bends parallels: sample the edges, not only the corners.
  for (let i = 0; i <= 20; i++) {
    const lon = west + ((east - west) * i) / 20;
    const lat = south + ((north - south) * i) / 20;
    for (const p of [albers([lon, south]), albers([lon, north]), albers([west, lat]), albers([east, lat])]) {
      minX = Math.min(minX, p[0]);
      maxX = Math.max(maxX, p[0]);
      minY = Math.min(minY, p[1]);
      maxY = Math.max(maxY, p[1]);
    }
  }
  const scale = Math.min(box.width / (maxX - minX), box.height / (maxY - minY));
  const offsetX = box.x + (box.width - (maxX - minX) * scale) / 2;
  const offsetY = box.y + (box.height - (maxY - minY) * scale) / 2;
  return (lonLat) => {
    const [x, y] = albers(lonLat);
    return [offsetX + (x - minX) * scale, offsetY + (maxY - y) * scale];
  };
}

/** SVG path data of polygons (rings of lon/lat), each ring closed; what pdfkit's path() draws. */
export function ringsToPath(rings: readonly (readonly Point[])[], project: (p: Point) => Point): string {
  const parts: string[] = [];
  for (const ring of rings) {
    if (ring.length < 3) continue;
    ring.forEach((p, i) => {
      const [x, y] = project(p);
      parts.push(`${i === 0 ? 'M' : 'L'}${x.toFixed(2)} ${y.toFixed(2)}`);
    });
    parts.push('Z');
  }
  return parts.join(' ');
}
