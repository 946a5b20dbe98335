import { WALL_TYPES, type WallLayout, type WallType } from './layout';

export interface WallsState {
  /** Walls in the order PageDown/PageUp walk them. */
  order: WallType[];
  current: WallType;
  layouts: Record<WallType, WallLayout>;
}

export type WallsAction =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'select'; wall: WallType }
  | { type: 'set-param'; wall: WallType; key: keyof WallLayout['params']; value: string | undefined }
  | { type: 'reset'; defaults: Record<WallType, WallLayout> };

export function initialWalls(defaults: Record<WallType, WallLayout>, current: WallType = WALL_TYPES[0]): WallsState {
  return { order: [...WALL_TYPES], current, layouts: defaults };
}

function step(state: WallsState, by: number): WallsState {
  const i = state.order.indexOf(state.current);
  const n = state.order.length;
  return { ...state, current: state.order[(((i + by) % n) + n) % n] ?? state.current };
}

/** Wall navigation and wall parameters, as pure state changes of serialisable layouts. */
export function wallsReducer(state: WallsState, action: WallsAction): WallsState {
  switch (action.type) {
    case 'next':
      return step(state, 1);
    case 'previous':
      return step(state, -1);
    case 'select':
      return state.order.includes(action.wall) ? { ...state, current: action.wall } : state;
    case 'set-param': {
      const layout = state.layouts[action.wall];
      const params = { ...layout.params };
      if (action.value === undefined) delete params[action.key];
      else params[action.key] = action.value;
      return { ...state, layouts: { ...state.layouts, [action.wall]: { ...layout, params } } };
    }
    case 'reset':
      return initialWalls(action.defaults, state.order[0]);
  }
}

export function isWallType(value: unknown): value is WallType {
  return typeof value === 'string' && (WALL_TYPES as readonly string[]).includes(value);
}
