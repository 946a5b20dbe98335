import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { basemapResponse, registerBasemapScheme, serveBasemapProtocol } from '../../src/main/basemap/basemap-protocol';
import { basemapReply, parseRange } from '../../src/main/basemap/basemap-reply';
import { loadBasemap } from '../../src/main/basemap/load-basemap';
import { resourcesDir } from '../../src/core/resources-dir';
import { createStaticHandler } from '../../src/main/browser/static-files';
import { basemapManifestSchema } from '../../src/shared/basemap/manifest';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const RESOURCES = resourcesDir();

function pmtilesFile(dir: string, version = 3): string {
  const file = join(dir, 'standard.pmtiles');
  const bytes = Buffer.alloc(4096, 7);
  bytes.write('PMTiles', 0, 'latin1');
  bytes[7] = version;
  writeFileSync(file, bytes);
  return file;
}

describe('loading the basemap', () => {
  it('serves the shipped demo map when nothing is configured, every file it names present', async () => {
    const basemap = loadBasemap({ resourcesDir: RESOURCES });
    expect(basemap.manifest.kind).toBe('demo');
    expect(basemap.manifest.format).toBe('geojson');
    expect([...basemap.files.keys()].sort()).toEqual(['land.geojson', 'prefecture-labels.geojson', 'prefectures.geojson', 'province-labels.geojson', 'provinces.geojson']);
    const provinces = JSON.parse(Buffer.from((await basemapReply(basemap, 'provinces.geojson')).body!).toString('utf8')) as {
      features: { properties: { adcode: string; name: string } }[];
    };
    // The whole country, Taiwan, Hong Kong and Macao included.
    expect(provinces.features.length).toBe(34);
    expect(provinces.features.map((f) => f.properties.adcode)).toEqual(expect.arrayContaining(['430000', '710000', '810000', '820000']));
  });

  it('takes a configured GeoJSON map of provinces with adcodes', () => {
    const file = join(tempDir(), 'standard.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { adcode: 430000, name: '湖南' }, geometry: null }] }));
    const basemap = loadBasemap({ file, resourcesDir: RESOURCES });
    expect(basemap.manifest).toEqual({ kind: 'configured', format: 'geojson', files: { provinces: 'configured.geojson' } });
    expect(basemap.files.get('configured.geojson')).toBe(file);
    expect(basemapManifestSchema.parse(basemap.manifest)).toEqual(basemap.manifest);
  });

  it('takes a configured PMTiles archive', () => {
    const file = pmtilesFile(tempDir());
    expect(loadBasemap({ file, resourcesDir: RESOURCES }).manifest).toEqual({ kind: 'configured', format: 'pmtiles', files: { tiles: 'configured.pmtiles' } });
  });

  it('refuses a configured file it cannot use, naming the file and the reason', () => {
    const dir = tempDir();
    const missing = join(dir, 'nope.geojson');
    expect(() => loadBasemap({ file: missing, resourcesDir: RESOURCES })).toThrow(`basemap ${missing} does not exist`);
    const shp = join(dir, 'map.shp');
    writeFileSync(shp, 'x');
    expect(() => loadBasemap({ file: shp, resourcesDir: RESOURCES })).toThrow('expected a .geojson, .json or .pmtiles file');
    const noCodes = join(dir, 'nocodes.geojson');
    writeFileSync(noCodes, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'x' }, geometry: null }] }));
    expect(() => loadBasemap({ file: noCodes, resourcesDir: RESOURCES })).toThrow('no feature has an "adcode" property');
    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, '{');
    expect(() => loadBasemap({ file: notJson, resourcesDir: RESOURCES })).toThrow('is not valid JSON');
    const fake = join(dir, 'fake.pmtiles');
    writeFileSync(fake, Buffer.alloc(200));
    expect(() => loadBasemap({ file: fake, resourcesDir: RESOURCES })).toThrow('is not a PMTiles archive');
    expect(() => loadBasemap({ file: pmtilesFile(tempDir(), 2), resourcesDir: RESOURCES })).toThrow('PMTiles version 2 is not supported');
  });
});

describe('serving the basemap', () => {
  it('answers byte ranges from disk, as PMTiles readers ask', async () => {
    const basemap = loadBasemap({ file: pmtilesFile(tempDir()), resourcesDir: RESOURCES });
    const part = await basemapReply(basemap, 'configured.pmtiles', 'bytes=0-6');
    expect(part.status).toBe(206);
    expect(Buffer.from(part.body!).toString('latin1')).toBe('PMTiles');
    expect(part.headers['Content-Range']).toBe('bytes 0-6/4096');
    expect((await basemapReply(basemap, 'configured.pmtiles', 'bytes=9000-9001')).status).toBe(416);
    expect((await basemapReply(basemap, 'other.pmtiles')).status).toBe(404);
    expect(JSON.parse(Buffer.from((await basemapReply(basemap, 'manifest.json')).body!).toString())).toEqual(basemap.manifest);
  });

  it('parses single ranges only', () => {
    expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-5', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('bytes=-', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
  });

  describe('in the browser host, beside the page', () => {
    let server: Server | undefined;
    afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

    it('serves /basemap/ from the basemap and everything else from the renderer folder', async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'index.html'), '<!doctype html>');
      const basemap = loadBasemap({ resourcesDir: RESOURCES });
      const handler = createStaticHandler(dir, () => 'http://127.0.0.1', basemap);
      server = createServer((req, res) => void handler(req, res));
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const manifest = await fetch(`${origin}/basemap/manifest.json`);
      expect(manifest.status).toBe(200);
      expect(((await manifest.json()) as { kind: string }).kind).toBe('demo');
      const range = await fetch(`${origin}/basemap/provinces.geojson`, { headers: { Range: 'bytes=0-16' } });
      expect(range.status).toBe(206);
      expect(await range.text()).toBe('{"type":"FeatureC');
      expect((await fetch(`${origin}/basemap/../index.html`)).status).toBe(200); // normalised by URL parsing: the page itself
      expect((await fetch(`${origin}/basemap/secret.txt`)).status).toBe(404);
      expect((await fetch(`${origin}/`)).status).toBe(200);
    });
  });
});

describe('serving the basemap in Electron (stand-in protocol object: no Electron binary here)', () => {
  it('registers a privileged, fetchable scheme and answers it with CORS for the file:// page', async () => {
    const registered: unknown[] = [];
    registerBasemapScheme({ registerSchemesAsPrivileged: (schemes) => void registered.push(...schemes) });
    expect(registered).toEqual([{ scheme: 'inrs-basemap', privileges: expect.objectContaining({ standard: true, supportFetchAPI: true, corsEnabled: true }) }]);

    const handlers = new Map<string, (request: Request) => Promise<Response>>();
    const basemap = loadBasemap({ resourcesDir: RESOURCES });
    serveBasemapProtocol({ handle: (scheme: string, fn: (request: Request) => Promise<Response>) => void handlers.set(scheme, fn) } as never, basemap);
    const handle = handlers.get('inrs-basemap')!;
    const manifest = await handle(new Request('inrs-basemap://basemap/manifest.json'));
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('access-control-allow-origin')).toBe('*');
    const part = await basemapResponse(basemap, new Request('inrs-basemap://basemap/land.geojson', { headers: { Range: 'bytes=0-7' } }));
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('{"type":');
    expect((await handle(new Request('inrs-basemap://elsewhere/manifest.json'))).status).toBe(404);
  });
});
