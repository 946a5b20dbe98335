import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { BriefingError, exportBriefing } from '../../core/briefing';
import { openPackage, packBriefing, verifyPackage, type VerifiedPackage } from '../../core/briefing/package';
import { loadIdentityFile, readCrlFiles, readPassphraseFile } from '../../core/pki';
import { readKeyFile } from '../../core/replica/key-file';
import { openReplica } from '../../core/replica/replica';
import { CliError, requireOption } from '../cli-error';
import { progressBar } from '../progress';

export const briefingHelp = `inrs briefing export --replica FILE --key-file FILE --out FILE.pdf [--at T|now] [--region ADCODE] [--lots LOT,…] [--by NAME] [--basemap FILE.geojson] [--force]
  A PDF briefing for reading offline: cover with the data-as-of time of every region and who
  made it, the national map coloured by risk index, key figures nationally and per province,
  regions in emergency, open alerts, shortfalls, and the whole life of each lot in --lots.
  Chinese text in an embedded font; no network, no display. --at later than the replica's
  --at before the replica's newest record gives the figures as they stood then (the log
  replayed through the replay index, which is kept in the replica and built on first use).

inrs briefing pack --replica FILE --key-file FILE --identity FILE.p12 [--passphrase-file F] --expires ISO-TIME --out FILE.inrsbrief [--regions A,B] [--encrypt-to-passphrase-file F]
  A briefing package for an air-gapped workstation: a new encrypted replica of the national
  reference log and the chosen provinces (all when --regions is absent), its key and their
  briefing PDF, signed (RSA-SHA256 over a manifest of hashes, regions, expiry and creator) by
  a national commander's or duty officer's certificate, optionally encrypted (AES-256-GCM,
  key by scrypt). Without encryption the replica key travels inside: integrity, not secrecy.

inrs briefing verify FILE.inrsbrief --root root.crt [--crl FILE.crl|DIR]… [--passphrase-file F]
inrs briefing open FILE.inrsbrief --root root.crt [--crl FILE.crl|DIR]… [--passphrase-file F] --out DIR
  Check a package (signer chain to the national root, revocation, signer's right, signature,
  every byte, expiry; with the passphrase, the contents) and, with open, unpack it into DIR:
  replica.db, replica.key, briefing.pdf, manifest.json. Then: npm start -- --replica
  DIR/replica.db --key-file DIR/replica.key --offline
  --crl (repeatable) gives CRLs, or a folder of them such as the PKI's crl/: a package whose
  signer (or its intermediate) is revoked is refused; a CRL counts only for the CA whose key
  signed it, and the signer's region needs a current one. Without --crl revocation is not
  checked, and the output says so.`;

const list = (value: unknown): string[] | undefined =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : undefined;

/** A wrong option value is a usage error (exit 2); everything else a failure (exit 1). */
const USAGE_CODES = new Set(['bad-region', 'bad-lot', 'bad-time', 'past-time', 'exists']);
function asCliError(err: unknown): unknown {
  return err instanceof BriefingError && USAGE_CODES.has(err.code) ? new CliError(err.message, 2) : err;
}

const step = (line: string) => process.stderr.write(`${line}\n`);

export function runBriefingExport(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      replica: { type: 'string' },
      'key-file': { type: 'string' },
      out: { type: 'string' },
      at: { type: 'string' },
      region: { type: 'string' },
      lots: { type: 'string' },
      by: { type: 'string' },
      basemap: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const out = requireOption(values, 'out');
  // A past --at replays the log through the replay index, which is kept in the replica.
  const replays = values.at !== undefined && values.at !== 'now';
  const replica = openReplica(requireOption(values, 'replica'), readKeyFile(requireOption(values, 'key-file')), { readonly: !replays });
  const indexBar = progressBar('indexing the log for replay');
  try {
    const result = exportBriefing(replica.db, {
      onIndex: indexBar,
      out,
      at: values.at ?? null,
      ...(values.region !== undefined ? { region: values.region } : {}),
      lots: list(values.lots) ?? [],
      generatedBy: values.by ?? `${userInfo().username}@${hostname()}`,
      overwrite: values.force,
      ...(values.basemap ? { basemapFile: values.basemap } : {}),
      onStep: (s) => step({ figures: 'briefing: reading the figures…', layout: 'briefing: laying out the pages…', write: 'briefing: writing the PDF…' }[s]),
    });
    process.stdout.write(`wrote ${result.file}: ${result.pages} pages, ${(result.bytes / 1024).toFixed(0)} KiB, data as of ${result.asOf ?? '—'} (${(result.millis.total / 1000).toFixed(1)} s)\n`);
  } catch (err) {
    throw asCliError(err);
  } finally {
    replica.close();
  }
}

export function runBriefingPack(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      replica: { type: 'string' },
      'key-file': { type: 'string' },
      identity: { type: 'string' },
      'passphrase-file': { type: 'string' },
      regions: { type: 'string' },
      expires: { type: 'string' },
      'encrypt-to-passphrase-file': { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const out = requireOption(values, 'out');
  const expiresAt = requireOption(values, 'expires');
  const identityFile = requireOption(values, 'identity');
  // The officer's own passphrase: --passphrase-file, or the one beside the .p12.
  const identity = loadIdentityFile(identityFile, values['passphrase-file'] || undefined);
  const encryptFile = values['encrypt-to-passphrase-file'];
  const passphrase = encryptFile ? readPassphraseFile(encryptFile) : undefined;
  const replica = openReplica(requireOption(values, 'replica'), readKeyFile(requireOption(values, 'key-file')), { readonly: true });
  const bar = progressBar('packing events');
  try {
    const result = packBriefing(replica.db, {
      expiresAt,
      identity,
      out,
      ...(passphrase !== undefined ? { passphrase } : {}),
      ...(values.regions !== undefined ? { regions: list(values.regions) ?? [] } : {}),
      onStep: (s, done, total) => {
        if (s === 'replica' && done !== undefined && total !== undefined) bar(done, total);
        else if (s !== 'replica') step(`briefing pack: ${{ briefing: 'writing the briefing PDF…', encrypt: 'encrypting and signing…', sign: 'signing…' }[s] ?? s}`);
      },
    });
    process.stdout.write(
      `wrote ${result.file}: regions ${result.regions.join(', ')} (+ 000000 reference), ${result.events} events, ${(result.bytes / 2 ** 20).toFixed(1)} MiB, ${result.encrypted ? 'encrypted' : 'NOT encrypted (the replica key is inside)'}, signed by ${identity.info.subject}, expires ${result.expiresAt}\n`,
    );
  } catch (err) {
    throw asCliError(err);
  } finally {
    replica.close();
  }
}

function packageArgs(args: string[], withOut: boolean) {
  const { values, positionals } = parseArgs({
    args,
    options: { root: { type: 'string' }, crl: { type: 'string', multiple: true }, 'passphrase-file': { type: 'string' }, ...(withOut ? { out: { type: 'string' } } : {}) },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new CliError('give one package file FILE.inrsbrief');
  const rootFile = requireOption(values, 'root');
  let rootPem: string;
  try {
    rootPem = readFileSync(rootFile, 'utf8');
  } catch {
    throw new CliError(`--root ${rootFile}: file not found`);
  }
  const passphraseFile = values['passphrase-file'];
  const crls = values.crl ?? [];
  return {
    file: positionals[0] as string,
    rootPem,
    ...(crls.length > 0 ? { crls: readCrlFiles(crls).map((c) => c.pem) } : {}),
    ...(typeof passphraseFile === 'string' ? { passphrase: readPassphraseFile(passphraseFile) } : {}),
    out: (values as { out?: string }).out,
  };
}

function revocationLines(p: VerifiedPackage): string[] {
  const r = p.revocation;
  if (!r.checked) return ['revocation  NOT checked (no --crl given): a revoked signer certificate would not be noticed'];
  return r.certificates.map((c, i) => `${i === 0 ? `revocation  ${r.crls} CRLs: ` : '            '}${c.name}: ${c.detail}`);
}

function describe(p: VerifiedPackage): string {
  const m = p.manifest;
  return [
    `signed by   ${p.signer.subject} (${p.signer.role}, region ${p.signer.region}), chain to the national root verified`,
    ...revocationLines(p),
    `created     ${m.createdAt}`,
    `expires     ${m.expiresAt}`,
    `regions     ${m.regions.join(', ')} (+ 000000 reference)`,
    `encrypted   ${m.payload.encryption ? 'yes (AES-256-GCM, scrypt)' : 'no'}`,
    `files       ${m.files.map((f) => `${f.name} ${f.size} B`).join(', ')}${p.files ? ' — each matches its hash' : ' — not checked (encrypted; give --passphrase-file)'}`,
    ...m.heads.map((h) => `head        ${h.region} seq ${h.lastSeq} ${h.headHash.slice(0, 16)}… data as of ${h.dataAsOf ?? '—'}`),
  ].join('\n');
}

const verifyOptions = (a: ReturnType<typeof packageArgs>) => ({
  rootPem: a.rootPem,
  ...(a.passphrase !== undefined ? { passphrase: a.passphrase } : {}),
  ...(a.crls !== undefined ? { crls: a.crls } : {}),
});

export function runBriefingVerify(args: string[]): void {
  const a = packageArgs(args, false);
  const checked = verifyPackage(a.file, verifyOptions(a));
  process.stdout.write(`OK: ${a.file}\n${describe(checked)}\n`);
}

export function runBriefingOpen(args: string[]): void {
  const a = packageArgs(args, true);
  if (!a.out) throw new CliError('missing --out DIR');
  const opened = openPackage(a.file, a.out, verifyOptions(a));
  process.stdout.write(
    `OK: ${a.file} verified and unpacked into ${opened.dir}\n${describe(opened)}\nopen it read-only with:\n  npm start -- --replica ${opened.replica} --key-file ${opened.keyFile} --offline\n`,
  );
}

/** `inrs briefing` alone lists the subcommands. */
export function runBriefingIndex(args: string[]): void {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(`${briefingHelp}\n`);
    return;
  }
  throw new CliError(`unknown briefing command "${args[0] ?? ''}" (export, pack, verify or open)`);
}

export const briefingCommands: Record<string, (args: string[]) => void> = {
  briefing: runBriefingIndex,
  'briefing export': runBriefingExport,
  'briefing pack': runBriefingPack,
  'briefing verify': runBriefingVerify,
  'briefing open': runBriefingOpen,
};
