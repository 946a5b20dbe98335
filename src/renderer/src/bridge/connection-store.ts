import { create } from 'zustand';

/**
 * How the renderer reaches the host. `preload` is Electron IPC and never disconnects; the
 * others describe the browser host's WebSocket bridge.
 */
export type ConnectionState =
  | { status: 'preload' }
  | { status: 'connecting' }
  | { status: 'open' }
  /** The page was opened without the host's access token. */
  | { status: 'no-token' }
  /** The host never accepted the socket, or closed it for a bad token: not retried. */
  | { status: 'refused'; code: number }
  /** The socket was open and dropped; the bridge keeps reconnecting. */
  | { status: 'closed'; code: number; attempt: number };

export type ConnectionStatus = ConnectionState['status'];

interface ConnectionStoreState {
  state: ConnectionState;
  /** Counts successful opens, so views can reload after a reconnect. */
  opens: number;
  /** Asks the transport to try again now; set by the bridge that owns the socket. */
  retry: () => void;
  actions: {
    set(state: ConnectionState): void;
    setRetry(retry: () => void): void;
  };
}

export const useConnectionStore = create<ConnectionStoreState>()((set) => ({
  state: { status: 'connecting' },
  opens: 0,
  retry: () => {},
  actions: {
    set: (state) => set((s) => ({ state, opens: state.status === 'open' ? s.opens + 1 : s.opens })),
    setRetry: (retry) => set({ retry }),
  },
}));

export const connectionSelectors = {
  state: (s: ConnectionStoreState) => s.state,
  status: (s: ConnectionStoreState) => s.state.status,
  opens: (s: ConnectionStoreState) => s.opens,
  retry: (s: ConnectionStoreState) => s.retry,
  /** True when calls cannot reach the host at all. */
  isDown: (s: ConnectionStoreState) =>
    s.state.status === 'no-token' || s.state.status === 'refused' || s.state.status === 'closed',
};
