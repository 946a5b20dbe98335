import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_WORKSTATION_LAYOUT, workstationLayoutSchema, type WorkstationLayout } from '../../shared/contract/display-schemas';

/** The workstation layout lives next to the replica, one file per machine. */
export const LAYOUT_FILE = 'workstation-layout.json';

export function layoutFileIn(dataDir: string): string {
  return join(dataDir, LAYOUT_FILE);
}

/**
 * Reads the stored layout. A missing file gives the defaults; a file that is not valid JSON
 * or not a valid layout is moved aside (kept for inspection, named in the log) and the
 * defaults are used, so a bad edit never stops a wall from starting.
 */
export function loadWorkstationLayout(file: string, log: (line: string) => void, now: () => Date = () => new Date()): WorkstationLayout {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_WORKSTATION_LAYOUT;
    log(`workstation layout ${file} could not be read (${(err as Error).message}); using the default layout`);
    return DEFAULT_WORKSTATION_LAYOUT;
  }
  let problem: string;
  try {
    const parsed = workstationLayoutSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    problem = z.prettifyError(parsed.error).replace(/\n/g, '; ');
  } catch (err) {
    problem = `not JSON: ${(err as Error).message}`;
  }
  const aside = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, aside);
    log(`workstation layout ${file} is invalid (${problem}); kept as ${aside}, using the default layout`);
  } catch (err) {
    log(`workstation layout ${file} is invalid (${problem}) and could not be moved aside (${(err as Error).message}); using the default layout`);
  }
  return DEFAULT_WORKSTATION_LAYOUT;
}

/** Writes the layout atomically: a temp file beside it, flushed, then renamed over it. */
export function saveWorkstationLayout(file: string, layout: WorkstationLayout): void {
  const checked = workstationLayoutSchema.parse(layout);
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o644);
  try {
    writeSync(fd, `${JSON.stringify(checked, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
