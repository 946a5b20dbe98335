import { parseArgs } from 'node:util';
import { REVOCATION_REASONS, revokeCertificate, revokeSerial, type RevokeOptions } from '../../core/pki';
import { CliError, requireOption } from '../cli-error';
import { CA_PASSPHRASE_OPTION, caUnlock, HELP_OPTION, runPki } from './pki-common';

export const pkiRevokeHelp = `inrs pki revoke --dir DIR (--cert FILE.p12|FILE.crt | --serial HEX) [--reason REASON]
              [--ca-passphrase-file FILE]
  Records the revocation of a certificate this PKI issued and regenerates its region's CRL
  at DIR/crl/ADCODE.crl (with the CA passphrase). Reasons: ${Object.keys(REVOCATION_REASONS).join(', ')}.`;

export function runPkiRevoke(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: 'string' },
      cert: { type: 'string' },
      serial: { type: 'string' },
      reason: { type: 'string' },
      'ca-passphrase-file': CA_PASSPHRASE_OPTION,
      help: HELP_OPTION,
    },
    strict: true,
  });
  runPki(values, pkiRevokeHelp, () => {
    const dir = requireOption(values, 'dir');
    if ((values.cert === undefined) === (values.serial === undefined)) throw new CliError('give exactly one of --cert FILE or --serial HEX');
    const options: RevokeOptions = {
      ...(values.reason === undefined ? {} : { reason: values.reason }),
      ...caUnlock(values),
    };
    const { record, crl } = values.cert !== undefined ? revokeCertificate(dir, values.cert, options) : revokeSerial(dir, values.serial as string, options);
    process.stdout.write(
      [
        `revoked ${record.subject} (serial ${record.serial}, ${record.revoked?.reason ?? 'unspecified'})`,
        `CRL ${crl.file}: ${crl.revoked.length} revoked, next update ${crl.nextUpdate}`,
        '',
      ].join('\n'),
    );
  });
}
