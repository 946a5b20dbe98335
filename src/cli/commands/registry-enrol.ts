import { parseArgs } from 'node:util';
import { issueCertificate } from '../../core/pki';
import { CliError, requireOption } from '../cli-error';
import { CA_PASSPHRASE_OPTION, caUnlock, HELP_OPTION, parseDays, runPki } from './pki-common';

export const registryEnrolHelp = `inrs registry enrol --dir PKI --region ADCODE --name NAME --out FILE.p12 [--server wss://HOST:PORT]
                    [--days N] [--ca-passphrase-file FILE]
  Registration desk: enrols a civilian contributor of the province by issuing its certificate
  (role contributor, under the province's intermediate CA, 365 days unless --days) into FILE.p12
  (0600) with its passphrase beside it, and prints the owner subject its assets will carry and
  the commands the contributor uses with it (against --server when given). Refuses to overwrite.`;

const ADCODE = /^\d{2}0000$/;

/** `inrs registry enrol`: the contributor's certificate, issued as the first step of its registration. */
export function runRegistryEnrol(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: 'string' },
      region: { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string' },
      server: { type: 'string' },
      days: { type: 'string' },
      'ca-passphrase-file': CA_PASSPHRASE_OPTION,
      help: HELP_OPTION,
    },
    strict: true,
  });
  runPki(values, registryEnrolHelp, () => {
    const region = requireOption(values, 'region');
    // A contributor registers with its province's registry, not the national hub.
    if (!ADCODE.test(region) || region === '000000') throw new CliError(`--region must be a province's adcode (like 430000), not "${region}"`);
    if (values.server !== undefined && !/^wss:\/\/[^/\s]+/.test(values.server)) throw new CliError(`--server must be a wss:// address, not ${values.server}`);
    const out = requireOption(values, 'out');
    const result = issueCertificate(requireOption(values, 'dir'), {
      kind: 'client',
      role: 'contributor',
      region,
      name: requireOption(values, 'name'),
      out,
      depot: null,
      hosts: [],
      days: parseDays(values.days) ?? 365,
      ...caUnlock(values),
    });
    const { info } = result;
    const server = values.server ?? 'wss://HOST:PORT';
    process.stdout.write(
      [
        `enrolled contributor ${info.subject}`,
        `valid       ${info.notBefore} → ${info.notAfter}`,
        `written to  ${result.file} (mode 0600), passphrase ${result.passphraseFile ?? '-'} (mode 0600)`,
        'the contributor registers its assets and sees only its own with:',
        `  inrs contributor register --server ${server} --identity ${out} --asset ASSET.json`,
        `  npm start -- --contributor ${out} --contributor-server ${server}`,
        '',
      ].join('\n'),
    );
  });
}
