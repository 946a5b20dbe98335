import { useCallback, useState } from 'react';

/**
 * The alert heatmap's first draw is the costliest of the map (about 3 s on software WebGL, where its
 * offscreen passes are compiled and rasterised): the first map with data is drawn without it and
 * the heatmap joins on the next render, so provinces and depots are on screen that much sooner.
 */
export function useHeatmapAfterFirstDraw(wanted: boolean): { hold: boolean; firstDrawn: boolean; onLayersDrawn: () => void } {
  const [firstDrawn, setFirstDrawn] = useState(false);
  const onLayersDrawn = useCallback(() => setFirstDrawn(true), []);
  return { hold: wanted && !firstDrawn, firstDrawn, onLayersDrawn };
}
