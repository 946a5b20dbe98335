import { create } from 'zustand';
import { DEFAULT_LAYOUTS } from './default-layouts';
import type { WallType } from './layout';
import { initialWalls, isWallType, wallsReducer, type WallsAction, type WallsState } from './wall-reducer';

/** `?wall=NAME` opens that wall; the address keeps following the wall shown, so a reload stays on it. */
function wallFromUrl(): WallType | undefined {
  try {
    const wall = new URLSearchParams(window.location.search).get('wall');
    return isWallType(wall) ? wall : undefined;
  } catch {
    return undefined;
  }
}

function writeUrl(wall: WallType): void {
  try {
    const url = new URL(window.location.href);
    if (url.searchParams.get('wall') === wall) return;
    url.searchParams.set('wall', wall);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  } catch {
    // Not in a browser page (tests): nothing to keep in step.
  }
}

interface WallStore extends WallsState {
  actions: {
    dispatch(action: WallsAction): void;
    next(): void;
    previous(): void;
    select(wall: WallType): void;
    reset(): void;
  };
}

export const useWallStore = create<WallStore>()((set, get) => {
  const dispatch = (action: WallsAction) => {
    const { actions: _actions, ...state } = get();
    const next = wallsReducer(state, action);
    set(next);
    writeUrl(next.current);
  };
  return {
    ...initialWalls(DEFAULT_LAYOUTS, wallFromUrl()),
    actions: {
      dispatch,
      next: () => dispatch({ type: 'next' }),
      previous: () => dispatch({ type: 'previous' }),
      select: (wall) => dispatch({ type: 'select', wall }),
      reset: () => dispatch({ type: 'reset', defaults: DEFAULT_LAYOUTS }),
    },
  };
});

export const wallSelectors = {
  current: (s: WallStore) => s.current,
  order: (s: WallStore) => s.order,
  layout: (s: WallStore) => s.layouts[s.current],
  actions: (s: WallStore) => s.actions,
};
