import { PkiError } from '../../core/pki';
import { CliError } from '../cli-error';

export const HELP_OPTION = { type: 'boolean', short: 'h' } as const;
export const CA_PASSPHRASE_OPTION = { type: 'string' } as const;

/** `--ca-passphrase-file F` as the core's CaUnlock (default: the PKI's own ca-passphrase file). */
export function caUnlock(values: { 'ca-passphrase-file'?: string }): { caPassphraseFile?: string } {
  return values['ca-passphrase-file'] === undefined ? {} : { caPassphraseFile: values['ca-passphrase-file'] };
}

/**
 * Prints `help` for `--help`; otherwise runs the command, turning a PkiError into a one-line
 * CliError (exit 1): its message already names the file or value and the cause.
 */
export function runPki(values: { help?: boolean }, help: string, run: () => void): void {
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return;
  }
  try {
    run();
  } catch (err) {
    if (err instanceof PkiError) throw new CliError(err.message, 1);
    throw err;
  }
}

/** A whole number of days ≥ 1, from the option's text. */
export function parseDays(text: string | undefined, name = 'days'): number | undefined {
  if (text === undefined) return undefined;
  const days = Number(text);
  if (!Number.isSafeInteger(days) || days < 1) throw new CliError(`--${name} must be a whole number of days (1 or more), not "${text}"`);
  return days;
}

export function parseIsoTime(text: string | undefined, name: string): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) throw new CliError(`--${name} must be an ISO date-time, not "${text}"`);
  return date;
}
