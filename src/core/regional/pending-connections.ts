import type { Server } from 'node:https';
import type { WebSocket } from 'ws';

/** How often the count of connections turned away is logged while it keeps happening. */
const REPORT_MS = 10_000;

/**
 * Caps the connections that have not (yet) become a greeted session: TCP sockets in or before
 * the TLS handshake, refused peers reading their 403, upgraded sockets waiting for their hello.
 * Past the cap a new connection is closed at once, so idle sockets cannot crowd out real
 * clients; the ones turned away are logged once per 10 s with their count.
 */
export function capPendingConnections(server: Server, limit: number, log: (line: string) => void) {
  let open = 0;
  let greeted = 0;
  let turnedAway = 0;
  let reportTimer: NodeJS.Timeout | null = null;

  const report = () => {
    reportTimer = null;
    if (turnedAway === 0) return;
    log(`turned away ${turnedAway} connection(s): ${limit} unauthenticated connections were already pending`);
    turnedAway = 0;
  };

  server.on('connection', (socket) => {
    if (open - greeted >= limit) {
      socket.destroy();
      if (turnedAway++ === 0) log(`turning connections away: ${limit} unauthenticated connections pending (the cap)`);
      reportTimer ??= setTimeout(report, REPORT_MS).unref();
      return;
    }
    open++;
    socket.once('close', () => open--);
  });

  return {
    /** A session's hello was accepted: its connection no longer counts as pending. */
    greeted(ws: WebSocket): void {
      greeted++;
      ws.once('close', () => greeted--);
    },
    dispose(): void {
      if (reportTimer) clearTimeout(reportTimer);
      report();
    },
  };
}
