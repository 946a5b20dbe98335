import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { certInfo, identityPassphrasePath, lookupIssued, readCertificateFile, readPassphraseFile } from '../../core/pki';
import { requireOption } from '../cli-error';
import { HELP_OPTION, runPki } from './pki-common';

export const pkiShowHelp = `inrs pki show --cert FILE.p12|FILE.crt [--json] [--dir DIR] [--passphrase-file FILE]
  Prints a certificate's subject, role, region, depot, validity, serial and SPKI pin. A .p12's
  integrity is checked with its own passphrase (--passphrase-file, or FILE.passphrase beside
  it); --dir also tells whether the PKI issued and revoked it.`;

export function runPkiShow(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      cert: { type: 'string' },
      json: { type: 'boolean', default: false },
      dir: { type: 'string' },
      'passphrase-file': { type: 'string' },
      help: HELP_OPTION,
    },
    strict: true,
  });
  runPki(values, pkiShowHelp, () => {
    const file = requireOption(values, 'cert');
    const dir = values.dir;
    const passphraseFile = values['passphrase-file'] ?? identityPassphrasePath(file);
    const passphrase = values['passphrase-file'] !== undefined || existsSync(passphraseFile) ? readPassphraseFile(passphraseFile, `passphrase of ${file}`) : undefined;
    const { certPem, verified } = readCertificateFile(file, passphrase);
    const info = certInfo(certPem);
    const record = dir === undefined ? undefined : lookupIssued(dir, info.serial);
    const now = Date.now();
    const status =
      Date.parse(info.notBefore) > now ? 'not yet valid' : Date.parse(info.notAfter) < now ? 'expired' : 'within its validity period';
    if (values.json) {
      const issued = record === undefined ? undefined : { issuedHere: record !== null, revoked: record?.revoked ?? null };
      process.stdout.write(`${JSON.stringify({ file, ...info, status, p12Verified: verified, ...(issued ?? {}) }, null, 2)}\n`);
      return;
    }
    const lines = [
      `subject     ${info.subject}`,
      `issuer      ${info.issuer}`,
      `role        ${info.role ?? '-'}`,
      `region      ${info.region ?? '-'}`,
      `depot       ${info.depot ?? '-'}`,
      ...(info.hosts.length > 0 ? [`hosts       ${info.hosts.join(', ')}`] : []),
      `serial      ${info.serial}`,
      `valid       ${info.notBefore} → ${info.notAfter} (${status})`,
      `SPKI pin    ${info.spkiPin}`,
      `SHA-256     ${info.fingerprint256}`,
    ];
    if (record !== undefined) {
      lines.push(`this PKI    ${record === null ? 'did not issue it' : record.revoked ? `revoked it at ${record.revoked.time} (${record.revoked.reason})` : 'issued it; not revoked'}`);
    }
    if (!verified) lines.push('note        read from the .p12 without its passphrase (integrity not checked; pass --passphrase-file)');
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}
