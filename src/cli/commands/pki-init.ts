import { parseArgs } from 'node:util';
import { initPki, spkiPin } from '../../core/pki';
import { requireOption } from '../cli-error';
import { CA_PASSPHRASE_OPTION, HELP_OPTION, runPki } from './pki-common';

export const pkiInitHelp = `inrs pki init --dir DIR [--ca-passphrase-file FILE]
  Creates the national root CA in DIR on the offline CA machine: root.crt, the root key
  (encrypted with the CA passphrase), and a random CA passphrase in DIR/ca-passphrase (mode
  0600) unless --ca-passphrase-file names an existing one. The CA passphrase opens the CA keys
  only; every issued identity gets its own. Refuses a DIR that already holds a PKI.`;

export function runPkiInit(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: { dir: { type: 'string' }, 'ca-passphrase-file': CA_PASSPHRASE_OPTION, help: HELP_OPTION },
    strict: true,
  });
  runPki(values, pkiInitHelp, () => {
    const dir = requireOption(values, 'dir');
    const result = initPki(dir, values['ca-passphrase-file'] === undefined ? {} : { caPassphraseFile: values['ca-passphrase-file'] });
    process.stdout.write(
      [
        `created PKI in ${dir}`,
        `root certificate  ${result.rootCert}`,
        `root SPKI pin     ${spkiPin(result.rootPem)}`,
        `CA passphrase     ${result.caPassphraseFile} (mode 0600; it never leaves the CA machine)`,
        '',
      ].join('\n'),
    );
  });
}
