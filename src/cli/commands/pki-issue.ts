import { parseArgs } from 'node:util';
import { issueCertificate } from '../../core/pki';
import { CliError, requireOption } from '../cli-error';
import { HELP_OPTION, parseDays, parseIsoTime, runPki } from './pki-common';

export const pkiIssueHelp = `inrs pki issue --dir DIR --kind server|client --region ADCODE [--role ROLE] [--depot CODE]
              --name NAME --out FILE.p12 [--days N] [--not-before ISO-TIME] [--host NAME ...]
              [--passphrase-file FILE]
  Issues a certificate under the region's intermediate CA (created on first use; 000000 for
  national roles) and writes key, certificate and chain to FILE.p12 (mode 0600), encrypted
  with the PKI's passphrase. Servers get role regional-server, DNS:localhost, IP:127.0.0.1
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
      'passphrase-file': { type: 'string' },
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
      ...(values['passphrase-file'] === undefined ? {} : { passphraseFile: values['passphrase-file'] }),
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
        '',
      ].join('\n'),
    );
  });
}
