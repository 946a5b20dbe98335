import type { CSSProperties } from 'react';
import type { WallLayout } from './layout';

/** A wall layout's grid as CSS: every wall, catalogue or traceability, lays out the same way. */
export function gridStyle(layout: WallLayout): CSSProperties {
  return {
    gridTemplateColumns: layout.grid.columns,
    gridTemplateRows: layout.grid.rows,
    gridTemplateAreas: layout.grid.areas.map((row) => `'${row}'`).join(' '),
  };
}
