import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { basemapReply } from '../../src/main/basemap/basemap-reply';
import { loadBasemap } from '../../src/main/basemap/load-basemap';
import { resourcesDir } from '../../src/core/resources-dir';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css' };

/**
 * Pages under this prefix are the same pages on an empty basemap (no land, provinces or labels:
 * maplibre still runs and draws its background), to measure deck.gl's depots alone in the app.
 */
export const NO_BASEMAP_PREFIX = '/no-basemap';
const EMPTY_BASEMAP: Record<string, { type: string; body: string }> = {
  'manifest.json': {
    type: 'application/json',
    body: JSON.stringify({ kind: 'configured', format: 'geojson', bounds: [73, 17, 136, 54], files: { provinces: 'empty.geojson' } }),
  },
  'empty.geojson': { type: 'application/geo+json', body: JSON.stringify({ type: 'FeatureCollection', features: [] }) },
};

/** Serves a built page folder and the demo basemap at /basemap/ (an empty one under /no-basemap/), on 127.0.0.1. */
export async function serveHarness(dir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const basemap = loadBasemap({ resourcesDir: resourcesDir() });
  const root = normalize(dir + sep);
  const server = createServer((req, res) => {
    void (async () => {
      let pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (pathname.startsWith(`${NO_BASEMAP_PREFIX}/`)) {
        pathname = pathname.slice(NO_BASEMAP_PREFIX.length);
        if (pathname.startsWith('/basemap/')) {
          const empty = EMPTY_BASEMAP[pathname.slice('/basemap/'.length)];
          if (!empty) return void res.writeHead(404).end();
          return void res.writeHead(200, { 'Content-Type': empty.type }).end(empty.body);
        }
      }
      if (pathname.startsWith('/basemap/')) {
        const reply = await basemapReply(basemap, pathname.slice('/basemap/'.length), req.headers.range);
        res.writeHead(reply.status, reply.headers).end(reply.body);
        return;
      }
      const file = normalize(join(root, pathname.slice(1)));
      if (!file.startsWith(root)) return void res.writeHead(403).end();
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
