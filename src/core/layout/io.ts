import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { LayoutInputError, parseLayoutProblem, type LayoutProblem } from './problem';

/** Reads and validates a layout problem file; every failure is one line naming the file. */
export function readLayoutProblemFile(file: string): LayoutProblem {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new LayoutInputError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? String(err)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new LayoutInputError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  try {
    return parseLayoutProblem(value);
  } catch (err) {
    if (err instanceof LayoutInputError) throw new LayoutInputError(`${file}: ${err.message}`);
    throw err;
  }
}

/** Writes JSON to FILE.partial first, renamed into place when complete. */
export function writeJsonFile(file: string, value: unknown): void {
  const partial = `${file}.partial`;
  try {
    writeFileSync(partial, `${JSON.stringify(value, null, 2)}\n`);
    renameSync(partial, file);
  } catch (err) {
    rmSync(partial, { force: true });
    throw new LayoutInputError(`${file}: cannot write (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
