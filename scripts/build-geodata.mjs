#!/usr/bin/env node
// Derives resources/geo/prefectures.json (depot placement points) from the ECharts 4.9.0
// China maps. Usage: node scripts/build-geodata.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const echartsDir = dirname(require.resolve('echarts/package.json'));

const EXPECTED_VERSION = '4.9.0';
const version = JSON.parse(readFileSync(join(echartsDir, 'package.json'), 'utf8')).version;
if (version !== EXPECTED_VERSION) {
  throw new Error(`expected echarts ${EXPECTED_VERSION}, found ${version}`);
}

const readJson = (rel) => JSON.parse(readFileSync(join(echartsDir, rel), 'utf8'));
const cities = readJson('map/json/china-cities.json').features;
const provinces = readJson('map/json/china.json').features;

// The 31 mainland provincial-level divisions (GB/T 2260).
const MAINLAND = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41',
  '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
].map((p) => `${p}0000`);
const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);

const round4 = (x) => Math.round(x * 1e4) / 1e4;

function toPoint(feature) {
  const adcode = String(feature.id);
  const cp = feature.properties?.cp;
  if (!/^\d{6}$/.test(adcode)) throw new Error(`bad adcode ${adcode}`);
  if (!Array.isArray(cp) || cp.length !== 2 || !cp.every(Number.isFinite)) {
    throw new Error(`no centre point for ${adcode}`);
  }
  return {
    adcode,
    province: `${adcode.slice(0, 2)}0000`,
    nameZh: String(feature.properties.name),
    lon: round4(cp[0]),
    lat: round4(cp[1]),
  };
}

const mainland = new Set(MAINLAND);
const byAdcode = new Map();
for (const feature of cities) {
  const point = toPoint(feature);
  if (!mainland.has(point.province)) continue; // 71 Taiwan, 81 Hong Kong, 82 Macao
  if (byAdcode.has(point.adcode)) throw new Error(`duplicate adcode ${point.adcode}`);
  byAdcode.set(point.adcode, point);
}

for (const province of MAINLAND) {
  const has = [...byAdcode.values()].some((p) => p.province === province);
  if (has) continue;
  const feature = provinces.find((f) => String(f.id) === province);
  if (!feature || !MUNICIPALITIES.has(province)) {
    throw new Error(`no city for province ${province}`);
  }
  byAdcode.set(province, toPoint(feature));
}

const out = [...byAdcode.values()].sort((a, b) => a.adcode.localeCompare(b.adcode));
const target = join(root, 'resources', 'geo', 'prefectures.json');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `[\n${out.map((p) => JSON.stringify(p)).join(',\n')}\n]\n`);
console.log(`wrote ${out.length} prefectures for ${MAINLAND.length} provinces to ${target}`);
