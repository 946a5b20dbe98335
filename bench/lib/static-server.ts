import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { basemapReply } from '../../src/main/basemap/basemap-reply';
import { loadBasemap } from '../../src/main/basemap/load-basemap';
import { resourcesDir } from '../../src/core/resources-dir';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css' };

/** Serves a built page folder and the demo basemap at /basemap/, on 127.0.0.1. */
export async function serveHarness(dir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const basemap = loadBasemap({ resourcesDir: resourcesDir() });
  const root = normalize(dir + sep);
  const server = createServer((req, res) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
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
