import type { IncomingMessage, ServerResponse } from 'node:http';
import { BASEMAP_PATH } from '../../shared/basemap/manifest';
import { basemapReply } from './basemap-reply';
import type { Basemap } from './load-basemap';

/** The browser host serves the basemap beside the page, at /basemap/<file>: same origin, no CORS. */
export function isBasemapPath(pathname: string): boolean {
  return pathname.startsWith(BASEMAP_PATH);
}

export async function serveBasemapHttp(
  basemap: Basemap,
  pathname: string,
  req: IncomingMessage,
  res: ServerResponse,
  extraHeaders: Record<string, string>,
): Promise<void> {
  const reply = await basemapReply(basemap, pathname.slice(BASEMAP_PATH.length), req.headers.range);
  res.writeHead(reply.status, { ...extraHeaders, ...reply.headers, 'Content-Length': String(reply.body?.length ?? 0) });
  res.end(req.method === 'HEAD' ? undefined : reply.body);
}
