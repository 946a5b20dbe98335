import { renameSync, rmSync } from 'node:fs';

/**
 * Long writes (seeding) go to `<file>.partial` and are renamed into place only when
 * complete, so an interrupted run never leaves a half-built replica under the real name.
 */
export function partialPathOf(file: string): string {
  return `${file}.partial`;
}

export function discardPartial(file: string): void {
  const partial = partialPathOf(file);
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
}

export function commitPartial(file: string): void {
  renameSync(partialPathOf(file), file);
}
