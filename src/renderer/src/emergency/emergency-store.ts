import { create } from 'zustand';
import type { CommandAnswer, HostErrorInfo, InrsApi, OfficerIdentity, Proposal, RegionLevel, Result } from '../../../shared/contract';
import type { EmergencyLevel } from '../../../shared/domain/emergency';
import { getInrs } from '../bridge';
import { levelChanges, levelOf, levelRises, switchToShow, type LevelChange } from './emergency-logic';

export type OfficerCommand = 'propose' | 'cosign' | 'cancel' | 'break-glass' | 'countersign';

/** What became of one officer action: sent, accepted, refused by the server (with its reason), or failed on the host. */
export interface CommandView {
  command: OfficerCommand;
  region: string;
  status: 'sending' | 'accepted' | 'refused' | 'failed';
  commandId: string | null;
  /** The server's refusal code, or the host error's code when the command failed before the server. */
  code: string | null;
  reason: string | null;
}

export interface EmergencyStoreState {
  /** Who this workstation signs as; null offline or without an identity. */
  identity: OfficerIdentity | null;
  levels: RegionLevel[];
  proposals: Proposal[];
  loaded: boolean;
  /** Host clock minus this screen's clock at the last read, so countdowns follow the host. */
  clockOffsetMs: number;
  /** This screen's clock at the last tick (ms); re-renders countdowns once a second. */
  now: number;
  error: HostErrorInfo | null;
  /** The latest level switch seen while running (not on the first read), numbered so each is acted on once. */
  lastSwitch: (LevelChange & { n: number }) | null;
  /** The latest outcome of each action, by key: `propose`, `cosign:<proposal>`, `break-glass`… */
  commands: Record<string, CommandView>;
  actions: {
    load(): Promise<void>;
    loadIdentity(): Promise<void>;
    tick(now?: number): void;
    propose(request: { region: string; toLevel: EmergencyLevel; plan: string; reason: string }): Promise<void>;
    cosign(proposal: Proposal): Promise<void>;
    cancel(proposal: Proposal, reason: string): Promise<void>;
    breakGlass(request: { region: string; plan: string; reason: string }): Promise<void>;
    countersign(region: string): Promise<void>;
  };
}

/** Key of an action's outcome in `commands`. */
export const commandKey = {
  propose: 'propose',
  breakGlass: 'break-glass',
  cosign: (proposalId: string) => `cosign:${proposalId}`,
  cancel: (proposalId: string) => `cancel:${proposalId}`,
  countersign: (region: string) => `countersign:${region}`,
};

/** Unchanged data keeps its identity, so a once-a-second read re-renders only what changed. */
function keep<T>(previous: T, next: T): T {
  return JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
}

function viewOf(command: OfficerCommand, region: string, result: Result<CommandAnswer>): CommandView {
  if (!result.ok) return { command, region, status: 'failed', commandId: null, code: result.error.code, reason: result.error.message };
  const a = result.value;
  return { command, region, status: a.status, commandId: a.commandId, code: a.code, reason: a.reason };
}

export function createEmergencyStore(api: () => InrsApi, clock: () => number = Date.now) {
  let latest = 0;
  let switches = 0;
  return create<EmergencyStoreState>()((set, get) => {
    /** Runs one officer action; its outcome (or the host's error) is kept under its key. */
    const run = async (key: string, command: OfficerCommand, region: string, call: () => Promise<Result<CommandAnswer>>) => {
      set((s) => ({ commands: { ...s.commands, [key]: { command, region, status: 'sending', commandId: null, code: null, reason: null } } }));
      const result = await call();
      set((s) => ({ commands: { ...s.commands, [key]: viewOf(command, region, result) } }));
      if (result.ok && result.value.status === 'accepted') void get().actions.load();
    };
    const levelNow = (region: string) => levelOf(get().levels, region);
    return {
      identity: null,
      levels: [],
      proposals: [],
      loaded: false,
      clockOffsetMs: 0,
      now: clock(),
      error: null,
      lastSwitch: null,
      commands: {},
      actions: {
        load: async () => {
          const ticket = ++latest;
          const result = await api().emergency.state();
          if (ticket !== latest) return;
          if (!result.ok) return set({ error: result.error });
          const { levels, proposals, now } = result.value;
          const previous = get();
          const shown = previous.loaded ? switchToShow(levelChanges(previous.levels, levels)) : null;
          const local = clock();
          set({
            levels: keep(previous.levels, levels),
            proposals: keep(previous.proposals, proposals),
            loaded: true,
            error: null,
            now: local,
            clockOffsetMs: Date.parse(now) - local,
            ...(shown ? { lastSwitch: { ...shown, n: ++switches } } : {}),
          });
        },
        loadIdentity: async () => {
          const result = await api().identity.current();
          if (result.ok) set({ identity: result.value });
        },
        tick: (now = clock()) => set({ now }),
        propose: ({ region, toLevel, plan, reason }) =>
          run(commandKey.propose, 'propose', region, () => api().emergency.propose({ region, expectedLevel: levelNow(region), toLevel, plan, reason })),
        cosign: (proposal) =>
          run(commandKey.cosign(proposal.id), 'cosign', proposal.region, () =>
            api().emergency.cosign({ region: proposal.region, expectedLevel: levelNow(proposal.region), proposalId: proposal.id }),
          ),
        cancel: (proposal, reason) =>
          run(commandKey.cancel(proposal.id), 'cancel', proposal.region, () => api().emergency.cancel({ region: proposal.region, proposalId: proposal.id, reason })),
        breakGlass: ({ region, plan, reason }) =>
          run(commandKey.breakGlass, 'break-glass', region, () => api().emergency['break-glass']({ region, expectedLevel: levelNow(region), plan, reason })),
        countersign: (region) => run(commandKey.countersign(region), 'countersign', region, () => api().emergency.countersign({ region })),
      },
    };
  });
}

export const useEmergencyStore = createEmergencyStore(getInrs);
export type EmergencyStore = ReturnType<typeof createEmergencyStore>;

/**
 * Selectors. Other features follow the levels through these, e.g. a playlist that yields to
 * an emergency: `onLevelRise(useEmergencyStore, (rise) => …)`.
 */
export const emergencySelectors = {
  identity: (s: EmergencyStoreState) => s.identity,
  /** Regions not at normal, in adcode order (a region absent here is normal). */
  levels: (s: EmergencyStoreState) => s.levels,
  /** The level of one region (normal when it has none). */
  levelOf: (region: string) => (s: EmergencyStoreState) => levelOf(s.levels, region),
  proposals: (s: EmergencyStoreState) => s.proposals,
  loaded: (s: EmergencyStoreState) => s.loaded,
  error: (s: EmergencyStoreState) => s.error,
  /** The host's clock now, as this screen estimates it (ms). */
  hostNow: (s: EmergencyStoreState) => s.now + s.clockOffsetMs,
  lastSwitch: (s: EmergencyStoreState) => s.lastSwitch,
  command: (key: string) => (s: EmergencyStoreState) => s.commands[key],
  actions: (s: EmergencyStoreState) => s.actions,
};

/**
 * Calls `listener` once for every region whose level rises (normal → IV, III → I…) after
 * the first read; returns the unsubscribe. For kiosk playlists that an emergency interrupts.
 */
export function onLevelRise(store: EmergencyStore, listener: (rise: LevelChange) => void): () => void {
  return store.subscribe((next, previous) => {
    if (!previous.loaded || next.levels === previous.levels) return;
    for (const rise of levelRises(previous.levels, next.levels)) listener(rise);
  });
}
