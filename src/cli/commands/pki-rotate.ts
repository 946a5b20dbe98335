import { parseArgs } from 'node:util';
import { rotateCaPassphrase, rotateIdentityPassphrase } from '../../core/pki';
import { CliError } from '../cli-error';
import { CA_PASSPHRASE_OPTION, HELP_OPTION, runPki } from './pki-common';

export const pkiRotateHelp = `inrs pki rotate-passphrase --dir DIR [--ca-passphrase-file OLD] [--new-passphrase-file NEW]
inrs pki rotate-passphrase --identity FILE.p12 [--passphrase-file OLD] [--new-passphrase-file NEW]
  Re-encrypts under a new passphrase, after checking the old one opens everything: with --dir
  the root key and every intermediate key (the CA passphrase), with --identity one issued .p12
  (its own passphrase; a .p12 from before identities had their own takes the PKI's old file).
  The new passphrase is read from NEW when that file exists, else generated into NEW, by
  default replacing the old file. The old passphrase opens nothing afterwards.`;

export function runPkiRotate(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: 'string' },
      identity: { type: 'string' },
      'ca-passphrase-file': CA_PASSPHRASE_OPTION,
      'passphrase-file': { type: 'string' },
      'new-passphrase-file': { type: 'string' },
      help: HELP_OPTION,
    },
    strict: true,
  });
  runPki(values, pkiRotateHelp, () => {
    if ((values.dir === undefined) === (values.identity === undefined)) throw new CliError('give exactly one of --dir DIR (the CA passphrase) or --identity FILE.p12');
    const fresh = values['new-passphrase-file'] === undefined ? {} : { newPassphraseFile: values['new-passphrase-file'] };
    let what: string;
    let result;
    if (values.dir !== undefined) {
      if (values['passphrase-file'] !== undefined) throw new CliError('--passphrase-file names an identity passphrase; with --dir give --ca-passphrase-file');
      result = rotateCaPassphrase(values.dir, { ...fresh, ...(values['ca-passphrase-file'] === undefined ? {} : { caPassphraseFile: values['ca-passphrase-file'] }) });
      what = `the CA passphrase of ${values.dir}`;
    } else {
      if (values['ca-passphrase-file'] !== undefined) throw new CliError('--ca-passphrase-file applies to --dir; with --identity give --passphrase-file');
      const identity = values.identity as string;
      result = rotateIdentityPassphrase(identity, { ...fresh, ...(values['passphrase-file'] === undefined ? {} : { passphraseFile: values['passphrase-file'] }) });
      what = `the passphrase of ${identity}`;
    }
    process.stdout.write(
      [
        `rotated ${what}: re-encrypted ${result.rewritten.join(', ')}`,
        `new passphrase ${result.passphraseFile} (${result.generated ? 'generated, ' : ''}mode 0600)`,
        ...(result.removed ? [`removed the old ${result.removed}`] : []),
        '',
      ].join('\n'),
    );
  });
}
