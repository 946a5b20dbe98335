import { parseArgs } from 'node:util';
import { exportTrust } from '../../core/pki';
import { requireOption } from '../cli-error';
import { CA_PASSPHRASE_OPTION, caUnlock, HELP_OPTION, parseDays, runPki } from './pki-common';

export const pkiExportTrustHelp = `inrs pki export-trust --dir DIR --out TRUST-DIR [--crl-days N] [--ca-passphrase-file FILE]
  Writes the public trust bundle a server or workstation holds: root.crt, ca/ADCODE.crt (each
  intermediate) and crl/*.crl (the root's and every region's current CRL). CRLs missing, within
  a day of their next update or behind the revocations are re-signed first (CA passphrase);
  --crl-days N re-signs them all for N days. No key and no passphrase is written there.`;

export function runPkiExportTrust(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: { dir: { type: 'string' }, out: { type: 'string' }, 'crl-days': { type: 'string' }, 'ca-passphrase-file': CA_PASSPHRASE_OPTION, help: HELP_OPTION },
    strict: true,
  });
  runPki(values, pkiExportTrustHelp, () => {
    const dir = requireOption(values, 'dir');
    const out = requireOption(values, 'out');
    const crlDays = parseDays(values['crl-days'], 'crl-days');
    const result = exportTrust(dir, out, { ...caUnlock(values), ...(crlDays === undefined ? {} : { crlDays }) });
    process.stdout.write(
      [
        `exported the trust bundle of ${dir} to ${out}: ${result.files.join(', ')}`,
        ...(result.resigned.length > 0 ? [`re-signed CRLs: ${result.resigned.join(', ')}`] : []),
        `replace it before ${result.nextUpdate} (the first CRL to lapse)`,
        '',
      ].join('\n'),
    );
  });
}
