import { open, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { BASEMAP_MANIFEST } from '../../shared/basemap/manifest';
import type { Basemap } from './load-basemap';

/** A transport-neutral answer, written out by the browser host's HTTP server or Electron's protocol handler. */
export interface BasemapReply {
  status: number;
  headers: Record<string, string>;
  body?: Uint8Array;
}

const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.pmtiles': 'application/octet-stream',
};

const text = (status: number, message: string): BasemapReply => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  body: Buffer.from(message),
});

/**
 * Answers a request for `name` (the path after /basemap/). Single byte ranges are honoured
 * and read from disk alone, since PMTiles archives are read a directory or tile at a time
 * and can be far larger than memory.
 */
export async function basemapReply(basemap: Basemap, name: string, range?: string | null): Promise<BasemapReply> {
  if (name === BASEMAP_MANIFEST) {
    return { status: 200, headers: { 'Content-Type': TYPES['.json']! }, body: Buffer.from(JSON.stringify(basemap.manifest)) };
  }
  const file = basemap.files.get(name);
  if (!file) return text(404, `no basemap file ${name}`);
  const headers = { 'Content-Type': TYPES[extname(name)] ?? 'application/octet-stream', 'Accept-Ranges': 'bytes' };
  if (!range) return { status: 200, headers, body: await readFile(file) };

  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const span = parseRange(range, size);
    if (!span) return { ...text(416, `unsatisfiable range ${range}`), headers: { 'Content-Range': `bytes */${size}` } };
    const body = Buffer.alloc(span.end - span.start + 1);
    await handle.read(body, 0, body.length, span.start);
    return { status: 206, headers: { ...headers, 'Content-Range': `bytes ${span.start}-${span.end}/${size}` }, body };
  } finally {
    await handle.close();
  }
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n`; null for anything else (multiple ranges included). */
export function parseRange(header: string, size: number): { start: number; end: number } | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : null;
}
