import { CliError } from '../cli-error';
import { pkiCrlHelp, runPkiCrl } from './pki-crl';
import { pkiExportTrustHelp, runPkiExportTrust } from './pki-export-trust';
import { pkiInitHelp, runPkiInit } from './pki-init';
import { pkiIssueHelp, runPkiIssue } from './pki-issue';
import { pkiRevokeHelp, runPkiRevoke } from './pki-revoke';
import { pkiRotateHelp, runPkiRotate } from './pki-rotate';
import { pkiShowHelp, runPkiShow } from './pki-show';

/** `inrs pki …`: the certificate authority of the mutual-TLS links, run on the offline CA machine (docs/architecture.md §12). */
export const pkiHelp = [pkiInitHelp, pkiIssueHelp, pkiExportTrustHelp, pkiRevokeHelp, pkiCrlHelp, pkiRotateHelp, pkiShowHelp].join('\n\n');

/** `inrs pki` alone (or with --help) lists the subcommands; anything else is unknown. */
function runPkiIndex(args: string[]): void {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(`${pkiHelp}\n`);
    return;
  }
  throw new CliError(`unknown pki command "${args[0] ?? ''}" (init, issue, export-trust, revoke, crl, rotate-passphrase or show)`);
}

export const pkiCommands: Record<string, (args: string[]) => void> = {
  pki: runPkiIndex,
  'pki init': runPkiInit,
  'pki issue': runPkiIssue,
  'pki revoke': runPkiRevoke,
  'pki crl': runPkiCrl,
  'pki show': runPkiShow,
  'pki export-trust': runPkiExportTrust,
  'pki rotate-passphrase': runPkiRotate,
};
