import { parseArgs } from 'node:util';
import { issueCertificate } from '../../core/pki';
import { CliError, requireOption } from '../cli-error';
import { CA_PASSPHRASE_OPTION, caUnlock, HELP_OPTION, parseDays, parseIsoTime, runPki } from './pki-common';

export const pkiIssueHelp = `inrs pki issue --dir DIR --kind server|client --region ADCODE [--role ROLE] [--depot CODE]
              --name NAME --out FILE.p12 [--days N] [--not-before ISO-TIME] [--host NAME ...]
              [--ca-passphrase-file FILE] [--identity-passphrase-file FILE]
  Issues a certificate under the region's intermediate CA (created on first use; 000000 for
  national roles) and writes key, certificate and chain to FILE.p12 (mode 0600), encrypted
  with the identity's own passphrase: read from --identity-passphrase-file when that file
  exists, else a random one written there, by default beside it as FILE.passphrase (0600).
  The CA passphrase (DIR/ca-passphrase or --ca-passphrase-file) opens the CA keys. Servers get role regional-server, DNS:localhost, IP:127.0.0.1
  and each --host; clients need --role (national-commander, ministry-analyst, duty-officer,
  depot-operator with --depot, auditor, contributor, wall). --days defaults to 7 for clients,
  365 for servers. Refuses to overwrite FILE.p12.`;

export function runPkiIssue(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: 'string' },
      kind: { type: 'string' },
      region: { type: 'string' },
      role: { type: 'string' },
      depot: { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string' },
      days: { type: 'string' },
      'not-before': { type: 'string' },
      host: { type: 'string', multiple: true },
      'ca-passphrase-file': CA_PASSPHRASE_OPTION,
      'identity-passphrase-file': { type: 'string' },
      help: HELP_OPTION,
    },
    strict: true,
  });
  runPki(values, pkiIssueHelp, () => {
    const dir = requireOption(values, 'dir');
    const kind = requireOption(values, 'kind');
    if (kind !== 'server' && kind !== 'client') throw new CliError(`--kind must be server or client, not "${kind}"`);
    if (kind === 'client' && values.role === undefined) throw new CliError('missing --role (a client certificate needs one)');
    const result = issueCertificate(dir, {
      kind,
      region: requireOption(values, 'region'),
      name: requireOption(values, 'name'),
      out: requireOption(values, 'out'),
      ...(values.role === undefined ? {} : { role: values.role }),
      depot: values.depot ?? null,
      ...(values.days === undefined ? {} : { days: parseDays(values.days) }),
      ...(values['not-before'] === undefined ? {} : { notBefore: parseIsoTime(values['not-before'], 'not-before') }),
      hosts: values.host ?? [],
      ...caUnlock(values),
      ...(values['identity-passphrase-file'] === undefined ? {} : { identityPassphraseFile: values['identity-passphrase-file'] }),
    });
    const { info } = result;
    if (result.intermediateCreated) process.stderr.write(`created the intermediate CA for region ${info.region}\n`);
    process.stdout.write(
      [
        `issued ${kind} certificate ${info.subject}${info.depot ? ` (depot ${info.depot})` : ''}`,
        `serial      ${info.serial}`,
        `valid       ${info.notBefore} → ${info.notAfter}`,
        ...(kind === 'server' ? [`hosts       ${info.hosts.join(', ')}`] : []),
        `SPKI pin    ${info.spkiPin}`,
        `written to  ${result.file} (mode 0600)`,
        `passphrase  ${result.passphraseFile ?? '-'} (${result.passphraseCreated ? 'new, ' : ''}mode 0600; carry it with the .p12, apart from it if you can)`,
        '',
      ].join('\n'),
    );
  });
}
