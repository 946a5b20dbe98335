import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { makePrivateDir, writePrivateFile } from '../private-files';
import type { Db } from '../replica/open';
import { parseAt } from './at-time';
import { gatherBriefing } from './briefing-data';
import { BriefingError } from './errors';
import { figureSource } from './figures';
import { gatherForecastSection } from './forecast-section';
import { locateFonts } from './font';
import { loadProvinceShapes } from './pdf/basemap';
import { renderBriefing } from './pdf/render';

export interface BriefingExportOptions {
  out: string;
  /** "now", nothing, or an ISO instant: a time before the replica's newest record replays the log to it. */
  at?: string | null;
  region?: string;
  lots?: readonly string[];
  generatedBy: string;
  /** Replace an existing file at `out` (the app names its files uniquely; the CLI refuses by default). */
  overwrite?: boolean;
  /** The agency's standard map as GeoJSON; the shipped illustrative one when absent. */
  basemapFile?: string;
  now?: Date;
  onStep?: (step: 'figures' | 'layout' | 'write') => void;
  /** Progress of bringing the replay index level with the log (a past --at on a replica not yet indexed). */
  onIndex?: (indexed: number, total: number) => void;
}

export interface BriefingExportResult {
  file: string;
  pages: number;
  bytes: number;
  asOf: string | null;
  scope: string | null;
  millis: { figures: number; layout: number; total: number };
}

/** Gathers the figures from an open replica and writes the briefing PDF (via FILE.partial, renamed when complete). */
export function exportBriefing(db: Db, options: BriefingExportOptions): BriefingExportResult {
  const started = performance.now();
  if (existsSync(options.out) && !options.overwrite) throw new BriefingError('exists', `${options.out} already exists; choose another --out (or --force to replace it)`);
  if (!existsSync(dirname(options.out)) || !statSync(dirname(options.out)).isDirectory()) {
    throw new BriefingError('exists', `${dirname(options.out)}: folder not found for --out ${options.out}`);
  }
  // Fonts and map first: a missing font fails in a moment, not after the queries.
  const fonts = locateFonts();
  const basemap = loadProvinceShapes(options.basemapFile);
  options.onStep?.('figures');
  const source = figureSource(db, parseAt(options.at), options.onIndex);
  const data = {
    ...gatherBriefing(db, source, {
      ...(options.region ? { region: options.region } : {}),
      lots: options.lots ?? [],
      generatedBy: options.generatedBy,
      generatedAt: options.now ?? new Date(),
    }),
    forecast: gatherForecastSection(db, options.region ?? null, source.at),
  };
  const figures = performance.now() - started;
  options.onStep?.('layout');
  const rendered = renderBriefing(data, fonts, basemap);
  const layout = performance.now() - started - figures;
  options.onStep?.('write');
  const partial = `${options.out}.partial`;
  try {
    makePrivateDir(dirname(options.out));
    writePrivateFile(partial, rendered.pdf);
    renameSync(partial, options.out);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  const round = (n: number) => Math.round(n);
  return {
    file: options.out,
    pages: rendered.pages,
    bytes: rendered.pdf.length,
    asOf: data.asOf,
    scope: data.scope.region,
    millis: { figures: round(figures), layout: round(layout), total: round(performance.now() - started) },
  };
}
