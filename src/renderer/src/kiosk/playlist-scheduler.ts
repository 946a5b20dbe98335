/**
 * The kiosk's playlist as pure state changes. Walls are shown in turn, each for the interval;
 * an interruption (a new critical alert, a region's emergency level rising) shows its wall at
 * once and holds it until it is acknowledged, or its cause goes away (the alert is no longer
 * open, the level drops); then the playlist resumes on the wall it was showing. Time comes in
 * with every event, so tests drive it with a fake clock.
 */

export interface Interrupt {
  /** 'alerts' for critical alerts (one hold for all of them), `emergency:<adcode>` per region. */
  id: string;
  kind: 'alert' | 'emergency';
  wall: string;
  since: number;
  /** The region whose level rose, and the level's rank (higher is more severe). */
  region?: string;
  rank?: number;
  /** The critical alerts that raised or joined this hold. */
  alertIds?: string[];
}

export interface SchedulerConfig {
  playlist: readonly string[];
  intervalMs: number;
  /** Where the playlist starts (a window's own wall, when it is in the playlist). */
  startIndex?: number;
  alertWall: string;
  emergencyWall: string;
}

export interface SchedulerState {
  config: SchedulerConfig;
  index: number;
  /** When the wall on screen gives way to the next; null while interrupted or with nothing to rotate. */
  slotEndsAt: number | null;
  /** Whole passes through the playlist so far. */
  loops: number;
  /** Held interruptions; the one shown is `shownInterrupt(state)`. */
  interrupts: Interrupt[];
  /** Critical alerts open at the last look (null before the first look: what is open at start is not new). */
  criticalSeen: string[] | null;
  /** Each region's level rank at the last look (null before the first look). */
  levels: Record<string, number> | null;
}

export type SchedulerEvent =
  | { type: 'tick'; now: number }
  | { type: 'configure'; config: SchedulerConfig; now: number }
  /** Every open critical alert, by id. */
  | { type: 'critical-alerts'; ids: readonly string[]; now: number }
  /** Every region's level rank (0 normal … 4 level I); a region absent is normal. */
  | { type: 'emergency-levels'; levels: Readonly<Record<string, number>>; now: number }
  /** Acknowledges one hold, or the one shown when no id is given. */
  | { type: 'acknowledge'; id?: string; now: number };

const rotates = (c: SchedulerConfig) => c.playlist.length > 1;

export function initialScheduler(config: SchedulerConfig, now: number): SchedulerState {
  const index = Math.min(Math.max(0, config.startIndex ?? 0), Math.max(0, config.playlist.length - 1));
  return { config, index, slotEndsAt: rotates(config) ? now + config.intervalMs : null, loops: 0, interrupts: [], criticalSeen: null, levels: null };
}

/** Emergencies before alerts; a more severe level first; then the newest. */
function byPriority(a: Interrupt, b: Interrupt): number {
  const kind = (i: Interrupt) => (i.kind === 'emergency' ? 1 : 0);
  return kind(b) - kind(a) || (b.rank ?? 0) - (a.rank ?? 0) || b.since - a.since;
}

export function shownInterrupt(state: SchedulerState): Interrupt | null {
  return [...state.interrupts].sort(byPriority)[0] ?? null;
}

/** The wall to show now; null when the playlist is empty and nothing interrupts (the window keeps its own wall). */
export function currentWall(state: SchedulerState): string | null {
  return shownInterrupt(state)?.wall ?? state.config.playlist[state.index] ?? null;
}

/** When the next tick is due; null when nothing will change by itself. */
export function nextDeadline(state: SchedulerState): number | null {
  return state.interrupts.length > 0 ? null : state.slotEndsAt;
}

/** Applies a change of held interruptions: pauses the rotation when the first arrives, resumes it when the last goes. */
function withInterrupts(state: SchedulerState, interrupts: Interrupt[], now: number): SchedulerState {
  if (interrupts.length > 0) return { ...state, interrupts, slotEndsAt: null };
  if (state.interrupts.length === 0) return { ...state, interrupts };
  // Resume on the wall the playlist was showing, for a whole interval.
  return { ...state, interrupts, slotEndsAt: rotates(state.config) ? now + state.config.intervalMs : null };
}

function tick(state: SchedulerState, now: number): SchedulerState {
  if (state.interrupts.length > 0 || state.slotEndsAt === null || now < state.slotEndsAt) return state;
  const n = state.config.playlist.length;
  const index = (state.index + 1) % n;
  // One step per tick: a machine that slept does not race through the walls it missed.
  const slotEndsAt = state.slotEndsAt + state.config.intervalMs > now ? state.slotEndsAt + state.config.intervalMs : now + state.config.intervalMs;
  return { ...state, index, slotEndsAt, loops: index === 0 ? state.loops + 1 : state.loops };
}

function onCriticalAlerts(state: SchedulerState, ids: readonly string[], now: number): SchedulerState {
  const open = [...new Set(ids)];
  if (state.criticalSeen === null) return { ...state, criticalSeen: open };
  const seen = new Set(state.criticalSeen);
  const fresh = open.filter((id) => !seen.has(id));
  const stillOpen = new Set(open);
  let interrupts = state.interrupts;
  const held = interrupts.find((i) => i.kind === 'alert');
  if (held) {
    // Alerts acknowledged or cleared elsewhere (a workstation) leave the open list: so does the hold.
    const remaining = (held.alertIds ?? []).filter((id) => stillOpen.has(id));
    interrupts = interrupts.filter((i) => i !== held);
    if (remaining.length + fresh.length > 0) interrupts = [...interrupts, { ...held, alertIds: [...remaining, ...fresh], since: fresh.length > 0 ? now : held.since }];
  } else if (fresh.length > 0) {
    interrupts = [...interrupts, { id: 'alerts', kind: 'alert', wall: state.config.alertWall, since: now, alertIds: fresh }];
  }
  return withInterrupts({ ...state, criticalSeen: open }, interrupts, now);
}

function onLevels(state: SchedulerState, levels: Readonly<Record<string, number>>, now: number): SchedulerState {
  if (state.levels === null) return { ...state, levels: { ...levels } };
  let interrupts = state.interrupts;
  const regions = new Set([...Object.keys(state.levels), ...Object.keys(levels), ...interrupts.flatMap((i) => (i.region ? [i.region] : []))]);
  for (const region of [...regions].sort()) {
    const before = state.levels[region] ?? 0;
    const level = levels[region] ?? 0;
    const id = `emergency:${region}`;
    const held = interrupts.find((i) => i.id === id);
    if (level > before) {
      interrupts = [...interrupts.filter((i) => i.id !== id), { id, kind: 'emergency', wall: state.config.emergencyWall, since: now, region, rank: level }];
    } else if (held && level < (held.rank ?? 0)) {
      interrupts = interrupts.filter((i) => i.id !== id);
    }
  }
  return withInterrupts({ ...state, levels: { ...levels } }, interrupts, now);
}

export function schedulerReducer(state: SchedulerState, event: SchedulerEvent): SchedulerState {
  switch (event.type) {
    case 'tick':
      return tick(state, event.now);
    case 'configure': {
      const fresh = initialScheduler(event.config, event.now);
      const interrupts = state.interrupts.map((i) => ({ ...i, wall: i.kind === 'alert' ? event.config.alertWall : event.config.emergencyWall }));
      return { ...fresh, interrupts, slotEndsAt: interrupts.length > 0 ? null : fresh.slotEndsAt, criticalSeen: state.criticalSeen, levels: state.levels };
    }
    case 'critical-alerts':
      return onCriticalAlerts(state, event.ids, event.now);
    case 'emergency-levels':
      return onLevels(state, event.levels, event.now);
    case 'acknowledge': {
      const target = event.id ?? shownInterrupt(state)?.id;
      if (target === undefined) return state;
      return withInterrupts(state, state.interrupts.filter((i) => i.id !== target), event.now);
    }
  }
}
