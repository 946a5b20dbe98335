const WIDE_ENOUGH = '(min-width: 1401px)';

/**
 * Whether a map overlay (legend, layer switches) starts open: yes on a desk monitor or a wall,
 * folded on a laptop, where it would hide part of the map; open where there is no screen to ask
 * (a server-side render).
 */
export const openAtStartOnThisScreen = (): boolean => typeof window === 'undefined' || window.matchMedia(WIDE_ENOUGH).matches;
