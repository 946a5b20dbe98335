import type { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';

/** Why ws gave up on a peer's frame, as the protocols name it. */
export type FrameFault = 'too-large' | 'malformed';

export interface FrameGuardOptions {
  /** Who the socket belongs to, for the log line. */
  label: string;
  log(line: string): void;
  /**
   * The protocol's error frame for this fault, sent before ws closes the connection; null
   * sends nothing. The socket is still open when this is called.
   */
  errorFrame(fault: FrameFault, message: string): string | null;
}

/** ws error codes of frames a peer sent that ws refuses to deliver. */
function faultOf(code: string | undefined): FrameFault {
  return code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' || code === 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH' ? 'too-large' : 'malformed';
}

/**
 * Makes a server-side WebSocket survive any frame: ws reports an oversized frame, invalid
 * UTF-8 or a broken frame header as an 'error' on the socket, which, unheard, ends the process.
 * The error is logged, and the peer is told why in the protocol's own error frame before ws
 * sends its close (ws closes first thing in its own handler, so ours runs ahead of it, on the
 * receiver: the one place that still sees the socket open).
 */
export function guardSocket(ws: WebSocket, options: FrameGuardOptions): void {
  const receiver = (ws as unknown as { _receiver?: EventEmitter })._receiver;
  receiver?.prependListener('error', (err: Error & { code?: string }) => {
    if (ws.readyState !== ws.OPEN) return;
    const frame = options.errorFrame(faultOf(err.code), err.message);
    if (frame !== null) ws.send(frame);
  });
  ws.on('error', (err: Error & { code?: string }) => {
    options.log(`${options.label}: connection error: ${err.message}${err.code ? ` (${err.code})` : ''}`);
  });
}
