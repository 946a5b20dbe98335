import { parseArgs } from 'node:util';
import { initPki, spkiPin } from '../../core/pki';
import { requireOption } from '../cli-error';
import { HELP_OPTION, runPki } from './pki-common';

export const pkiInitHelp = `inrs pki init --dir DIR [--passphrase-file FILE]
  Creates the offline national root CA in DIR: root.crt, the root key (encrypted), and a random
  passphrase in DIR/passphrase (mode 0600) that the other pki commands use unless
  --passphrase-file names another. Refuses a DIR that already holds a PKI.`;

export function runPkiInit(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: { dir: { type: 'string' }, 'passphrase-file': { type: 'string' }, help: HELP_OPTION },
    strict: true,
  });
  runPki(values, pkiInitHelp, () => {
    const dir = requireOption(values, 'dir');
    const result = initPki(dir, values['passphrase-file'] === undefined ? {} : { passphraseFile: values['passphrase-file'] });
    process.stdout.write(
      [
        `created PKI in ${dir}`,
        `root certificate  ${result.rootCert}`,
        `root SPKI pin     ${spkiPin(result.rootPem)}`,
        `passphrase file   ${result.passphraseFile} (mode 0600; keep it with the offline root)`,
        '',
      ].join('\n'),
    );
  });
}
