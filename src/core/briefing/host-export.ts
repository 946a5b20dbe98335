import { existsSync } from 'node:fs';
import { makePrivateDir } from '../private-files';
import { hostname, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import type { BriefingExportRequest, BriefingExportResponse } from '../../shared/contract/briefing-schemas';
import type { ReplicaClient } from '../replica/replica-client';
import type { ScenarioRun } from '../../shared/contract/scenario-schemas';

/** Where the app writes briefings: briefings/ beside the replica (the data folder for the demo replica). */
export const briefingsDir = (replicaPath: string): string => join(dirname(replicaPath), 'briefings');

/** "briefing-430000-20250630T120000Z.pdf": the scope and the wall-clock time to the second. */
export function briefingFileName(region: string | undefined, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `briefing-${region ?? 'national'}-${stamp}.pdf`;
}

/** The name's path in dir, or with "-2", "-3"… when a briefing of the same scope was written in the same second. */
function unusedPath(dir: string, name: string): string {
  const stem = name.replace(/\.pdf$/, '');
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? name : `${stem}-${n}.pdf`);
    if (!existsSync(path)) return path;
  }
}

function operator(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return hostname();
  }
}

/** The app host's `briefing:export`: the replica worker gathers the figures and writes the PDF, with the last scenario run's plan comparison when there is one. */
export async function exportFromHost(replica: ReplicaClient, replicaPath: string, request: BriefingExportRequest, scenario: ScenarioRun | null = null, now = new Date()): Promise<BriefingExportResponse> {
  const dir = briefingsDir(replicaPath);
  makePrivateDir(dir);
  const out = unusedPath(dir, briefingFileName(request.region, now));
  const result = await replica.call('briefingExport', [
    { out, generatedBy: `${operator()} · INRS Command Center`, ...(request.at ? { at: request.at } : {}), ...(request.region ? { region: request.region } : {}), ...(scenario ? { scenario } : {}) },
  ]);
  return { file: result.file, pages: result.pages, bytes: result.bytes, asOf: result.asOf, scope: result.scope, millis: result.millis.total };
}
