import { readFileSync, renameSync, rmSync } from 'node:fs';
import { writePrivateFile } from './private-files';

/** The caller's own input-error class: its failures keep their kind. */
type InputError = new (message: string) => Error;

/**
 * Reads a JSON input file and hands it to `parse`; every failure is one line naming the file,
 * raised as the caller's own error class. `parse`'s own errors of that class get the file name
 * in front.
 */
export function readJsonInput<T>(file: string, parse: (value: unknown) => T, Failure: InputError): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Failure(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? String(err)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Failure(`${file}: not valid JSON (${(err as Error).message})`);
  }
  try {
    return parse(value);
  } catch (err) {
    if (err instanceof Failure) throw new Failure(`${file}: ${err.message}`);
    throw err;
  }
}

/** Writes JSON privately (0600): to FILE.partial first, renamed into place when complete. */
export function writeJsonOutput(file: string, value: unknown, Failure: InputError): void {
  const partial = `${file}.partial`;
  try {
    writePrivateFile(partial, `${JSON.stringify(value, null, 2)}\n`);
    renameSync(partial, file);
  } catch (err) {
    rmSync(partial, { force: true });
    throw new Failure(`${file}: cannot write (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
