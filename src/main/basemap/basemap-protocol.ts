import type { Protocol } from 'electron';
import { BASEMAP_SCHEME } from '../../shared/basemap/manifest';
import { basemapReply } from './basemap-reply';
import type { Basemap } from './load-basemap';

/**
 * Electron serves the basemap on its own scheme (`inrs-basemap://basemap/<file>`): the page
 * is a file:// document, which cannot fetch other local files. Must run before app ready.
 */
export function registerBasemapScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: BASEMAP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

export function serveBasemapProtocol(protocol: Pick<Protocol, 'handle'>, basemap: Basemap): void {
  protocol.handle(BASEMAP_SCHEME, (request) => basemapResponse(basemap, request));
}

/** A Fetch API answer; maplibre's workers fetch with a null (file://) origin, hence the CORS header. */
export async function basemapResponse(basemap: Basemap, request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== 'basemap' || request.method !== 'GET') return new Response(null, { status: 404 });
  const reply = await basemapReply(basemap, decodeURIComponent(url.pathname.slice(1)), request.headers.get('range'));
  return new Response(reply.body ?? null, {
    status: reply.status,
    headers: { ...reply.headers, 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Content-Range, Content-Length' },
  });
}
