#!/usr/bin/env node
// Builds the shipped demo basemap (resources/basemap/) from the Apache ECharts 4.9.0 maps:
// province and prefecture polygons, their label points, and the neighbouring countries.
// Geometry is decoded, simplified and rounded so the committed files stay small.
// Usage: node scripts/build-basemap.mjs
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources', 'basemap');
const require = createRequire(import.meta.url);
const echartsDir = dirname(require.resolve('echarts/package.json'));

const EXPECTED_VERSION = '4.9.0';
const version = JSON.parse(readFileSync(join(echartsDir, 'package.json'), 'utf8')).version;
if (version !== EXPECTED_VERSION) throw new Error(`expected echarts ${EXPECTED_VERSION}, found ${version}`);
const readJson = (rel) => JSON.parse(readFileSync(join(echartsDir, rel), 'utf8'));

/**
 * Tolerance and rounding in degrees, about a screen pixel at the zooms where each layer is
 * drawn (provinces up to ~z7, prefectures z5–8, neighbours only at national zooms).
 */
const DETAIL = {
  province: { tolerance: 0.008, digits: 3 },
  prefecture: { tolerance: 0.015, digits: 2 },
  land: { tolerance: 0.08, digits: 2 },
};
/** Neighbours are drawn only around China; everything else is left out. */
const LAND_WINDOW = [55, -12, 165, 62];

// ---- echarts' compact coordinate encoding (src/coord/geo/parseGeoJson.js) ----

function decodeRing(encoded, [offsetX, offsetY], scale) {
  const ring = [];
  let prevX = offsetX;
  let prevY = offsetY;
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1); // zigzag
    y = (y >> 1) ^ -(y & 1);
    x += prevX; // delta
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

/** Returns plain GeoJSON polygons (array of rings per polygon) whatever the input encoding. */
function decodeGeometry(geometry, json) {
  const scale = json.UTF8Scale ?? 1024;
  const encoded = Boolean(json.UTF8Encoding);
  const ring = (r, offsets) => (encoded ? decodeRing(r, offsets, scale) : r);
  if (geometry.type === 'Polygon') {
    return [geometry.coordinates.map((r, i) => ring(r, geometry.encodeOffsets?.[i]))];
  }
  if (geometry.type === 'MultiPolygon') {
    return geometry.coordinates.map((poly, p) => poly.map((r, i) => ring(r, geometry.encodeOffsets?.[p]?.[i])));
  }
  throw new Error(`unexpected geometry ${geometry.type}`);
}

// ---- simplification (Douglas–Peucker) and rounding ----

function perpendicularDistance([x, y], [x1, y1], [x2, y2]) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = Math.hypot(dx, dy);
  if (len === 0) return Math.hypot(x - x1, y - y1);
  return Math.abs(dy * x - dx * y + x2 * y1 - y2 * x1) / len;
}

function douglasPeucker(points, tolerance) {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    let maxDist = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicularDistance(points[i], points[first], points[last]);
      if (d > maxDist) {
        maxDist = d;
        index = i;
      }
    }
    if (index >= 0 && maxDist > tolerance) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

function simplifyRing(ring, { tolerance, digits }) {
  const round = (n) => Number(n.toFixed(digits));
  // Split the closed ring in two halves so the endpoints are not the only fixed points.
  const open = ring.slice(0, -1);
  const mid = Math.floor(open.length / 2);
  const a = douglasPeucker(open.slice(0, mid + 1), tolerance);
  const b = douglasPeucker([...open.slice(mid), open[0]], tolerance);
  const rounded = [...a.slice(0, -1), ...b].map(([x, y]) => [round(x), round(y)]);
  const deduped = rounded.filter((p, i) => i === 0 || p[0] !== rounded[i - 1][0] || p[1] !== rounded[i - 1][1]);
  return deduped.length >= 4 ? deduped : null;
}

function simplifyPolygons(polygons, detail) {
  const result = [];
  for (const polygon of polygons) {
    if (!polygon[0] || polygon[0].length < 3) continue; // empty parts exist in the source
    const closed = polygon.filter((r) => r.length >= 3).map((r) => (samePoint(r[0], r[r.length - 1]) ? r : [...r, r[0]]));
    const outer = simplifyRing(closed[0], detail);
    if (!outer) continue; // an islet smaller than a pixel
    const holes = closed.slice(1).map((r) => simplifyRing(r, detail)).filter(Boolean);
    result.push([outer, ...holes]);
  }
  return result;
}

function samePoint(a, b) {
  return a[0] === b[0] && a[1] === b[1];
}

function toGeometry(polygons) {
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

function bboxOf(polygons) {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons)
    for (const [x, y] of polygon[0]) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  return box;
}

const intersects = (a, b) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
const round3 = (n) => Number(n.toFixed(3));
const point = (cp, properties) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates: [round3(cp[0]), round3(cp[1])] },
});
const collection = (features) => ({ type: 'FeatureCollection', features });

// ---- provinces (incl. Taiwan, Hong Kong and Macao: the map shows the whole country) ----

const china = readJson('map/json/china.json');
const provinces = [];
const provinceLabels = [];
for (const feature of china.features) {
  const adcode = String(feature.id);
  if (!/^\d{6}$/.test(adcode)) throw new Error(`bad province adcode ${adcode}`);
  const polygons = simplifyPolygons(decodeGeometry(feature.geometry, china), DETAIL.province);
  const name = String(feature.properties.name);
  provinces.push({ type: 'Feature', id: Number(adcode), properties: { adcode, name }, geometry: toGeometry(polygons) });
  provinceLabels.push(point(feature.properties.cp, { adcode, name }));
}

// ---- prefectures, for zoomed-in views ----

const prefectures = [];
const prefectureLabels = [];
const provinceDir = join(echartsDir, 'map', 'json', 'province');
/** Files whose features carry no ids (taiwan.json): their province is known from the file. */
const PROVINCE_OF_FILE = { 'taiwan.json': '710000' };
for (const file of readdirSync(provinceDir).sort()) {
  const json = JSON.parse(readFileSync(join(provinceDir, file), 'utf8'));
  const ids = json.features.map((f) => String(f.id ?? '')).filter((id) => /^\d{6}$/.test(id));
  const province = PROVINCE_OF_FILE[file] ?? (ids[0] ? `${ids[0].slice(0, 2)}0000` : null);
  if (!province) throw new Error(`${file}: cannot tell its province`);
  for (const feature of json.features) {
    const id = String(feature.id ?? '');
    // A few features have no id; they keep their name and province, without an adcode.
    const adcode = /^\d{6}$/.test(id) ? id : null;
    const polygons = simplifyPolygons(decodeGeometry(feature.geometry, json), DETAIL.prefecture);
    if (polygons.length === 0) continue;
    const name = String(feature.properties.name);
    prefectures.push({ type: 'Feature', properties: { adcode, name, province }, geometry: toGeometry(polygons) });
    if (Array.isArray(feature.properties.cp)) prefectureLabels.push(point(feature.properties.cp, { adcode, name }));
  }
}

// ---- neighbouring countries, as a land background ----

const world = readJson('map/json/world.json');
const land = [];
for (const feature of world.features) {
  if (feature.properties.name === 'China') continue; // drawn from the provinces instead
  const decoded = decodeGeometry(feature.geometry, world);
  if (!intersects(bboxOf(decoded), LAND_WINDOW)) continue;
  const polygons = simplifyPolygons(decoded, DETAIL.land);
  if (polygons.length === 0) continue;
  land.push({ type: 'Feature', properties: { name: String(feature.properties.name) }, geometry: toGeometry(polygons) });
}

// ---- write ----

const manifest = {
  kind: 'demo',
  format: 'geojson',
  source: `echarts@${EXPECTED_VERSION}`,
  bounds: [73, 17, 136, 54],
  files: {
    land: 'land.geojson',
    provinces: 'provinces.geojson',
    provinceLabels: 'province-labels.geojson',
    prefectures: 'prefectures.geojson',
    prefectureLabels: 'prefecture-labels.geojson',
  },
};

mkdirSync(out, { recursive: true });
const write = (name, data) => {
  const text = `${JSON.stringify(data)}\n`;
  writeFileSync(join(out, name), text);
  process.stdout.write(`${name}: ${(text.length / 1024).toFixed(0)} KiB\n`);
};
write('provinces.geojson', collection(provinces));
write('province-labels.geojson', collection(provinceLabels));
write('prefectures.geojson', collection(prefectures));
write('prefecture-labels.geojson', collection(prefectureLabels));
write('land.geojson', collection(land));
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(`${provinces.length} provinces, ${prefectures.length} prefectures, ${land.length} neighbours\n`);
