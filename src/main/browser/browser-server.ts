import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Basemap } from '../basemap/load-basemap';
import type { Dispatch } from '../host/dispatcher';
import type { HostEventHub } from '../host/host-events';
import { createBridge } from './bridge-server';
import type { DownloadOffers } from './download-offers';
import { createStaticHandler } from './static-files';

export interface BrowserServerOptions {
  rendererDir: string;
  port: number;
  dispatch: Dispatch;
  events: HostEventHub;
  log: (line: string) => void;
  /** Served at /basemap/; none in tests that do not need a map. */
  basemap?: Basemap;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
  /** One-time downloads (briefings) served under /download/. */
  downloads?: DownloadOffers;
}

export interface BrowserServer {
  origin: string;
  token: string;
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, LOOPBACK);
  });
}

/** Serves the renderer and the contract bridge on 127.0.0.1 only. */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let origin = '';
  const serveStatic = createStaticHandler(options.rendererDir, () => origin, options.basemap);
  const bridge = createBridge({ token, origin: () => origin, dispatch: options.dispatch, events: options.events, log: options.log });
  const server = createServer((req, res) => {
    if (options.downloads?.handle(req, res, token)) return;
    serveStatic(req, res).catch(() => res.writeHead(500).end());
  });
  server.on('upgrade', (req, socket, head) => bridge.handleUpgrade(req, socket, head));
  let port: number;
  try {
    port = await listen(server, options.port);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.port === 0) throw err;
    options.log(`port ${options.port} is in use; using a free port instead`);
    port = await listen(server, 0);
  }
  origin = `http://${LOOPBACK}:${port}`;
  return {
    origin,
    token,
    url: `${origin}/?token=${token}`,
    async close() {
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
