import { readFileSync, renameSync, rmSync } from 'node:fs';
import { DispatchInputError } from './errors';
import { writePrivateFile } from '../private-files';
import { parseDispatchProblem, type DispatchProblem, type DispatchSolution } from './problem';

/** Reads and validates a dispatch problem file; every failure is one line naming the file. */
export function readProblemFile(file: string): DispatchProblem {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DispatchInputError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? String(err)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new DispatchInputError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  try {
    return parseDispatchProblem(value);
  } catch (err) {
    if (err instanceof DispatchInputError) throw new DispatchInputError(`${file}: ${err.message}`);
    throw err;
  }
}

/** Writes a solution as JSON: to FILE.partial first, renamed into place when complete. */
export function writeSolutionFile(file: string, solution: DispatchSolution): void {
  const partial = `${file}.partial`;
  try {
    writePrivateFile(partial, `${JSON.stringify(solution, null, 2)}\n`);
    renameSync(partial, file);
  } catch (err) {
    rmSync(partial, { force: true });
    throw new DispatchInputError(`${file}: cannot write (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
