import { parseArgs } from 'node:util';
import { DEFAULT_CRL_DAYS, writeCrl } from '../../core/pki';
import { requireOption } from '../cli-error';
import { CA_PASSPHRASE_OPTION, caUnlock, HELP_OPTION, parseDays, runPki } from './pki-common';

export const pkiCrlHelp = `inrs pki crl --dir DIR --region ADCODE --out FILE.crl [--days N] [--ca-passphrase-file FILE]
  Writes the region's current CRL (X.509 v2, PEM, signed by its intermediate CA; next update
  in N days, default ${DEFAULT_CRL_DAYS}) to FILE.crl and to DIR/crl/ADCODE.crl. Takes the CA
  passphrase (DIR/ca-passphrase unless --ca-passphrase-file names another).`;

export function runPkiCrl(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: 'string' },
      region: { type: 'string' },
      out: { type: 'string' },
      days: { type: 'string' },
      'ca-passphrase-file': CA_PASSPHRASE_OPTION,
      help: HELP_OPTION,
    },
    strict: true,
  });
  runPki(values, pkiCrlHelp, () => {
    const dir = requireOption(values, 'dir');
    const region = requireOption(values, 'region');
    const out = requireOption(values, 'out');
    const days = parseDays(values.days) ?? DEFAULT_CRL_DAYS;
    const crl = writeCrl(dir, region, out, days, caUnlock(values));
    process.stdout.write(`wrote the CRL of region ${region} to ${crl.file}: ${crl.revoked.length} revoked, next update ${crl.nextUpdate}\n`);
  });
}
