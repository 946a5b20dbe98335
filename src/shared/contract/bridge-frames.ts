import { z } from 'zod';
import type { Result } from './result';

/**
 * Frames of the browser host's local WebSocket, which carries the same contract as
 * Electron IPC. The socket is opened at `/bridge?token=…` with the per-run token the host
 * prints; anything else is refused before a frame is read.
 */
export const BRIDGE_PATH = '/bridge';
export const BRIDGE_MAX_FRAME_BYTES = 1024 * 1024;

export const bridgeCallSchema = z.object({
  kind: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  request: z.unknown().optional(),
});
export type BridgeCall = z.infer<typeof bridgeCallSchema>;

export type BridgeServerFrame =
  /** The dispatcher's answer as it is: an error keeps its `code`, `message` and `details`. */
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; name: string; payload: unknown }
  /** Why the host is about to close the socket: a frame it cannot take (nothing of it was dispatched). */
  | { kind: 'error'; code: 'too-large' | 'malformed'; message: string };
