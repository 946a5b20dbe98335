import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ensureIntermediate, loadRoot } from './ca';
import { buildCertificate, certToPem, type AltName } from './cert-build';
import { certInfo, type CertInfo } from './cert-info';
import { regenerateRegionCrl } from './crl';
import { PkiError } from './errors';
import { writeNewFile } from './files';
import { readIndex, writeIndex, type IssuedRecord } from './issued-index';
import { checkKind, serverAltNames, validity, type CertKind } from './issue-rules';
import { generateKey, LEAF_KEY_BITS } from './keys';
import { existingLayout } from './layout';
import { buildP12, friendlyNameOf } from './p12';
import { createPassphraseFile, identityPassphrasePath, readPassphraseFile, unlockCa, type CaUnlock } from './passphrase';
import { checkName, checkScope, scopeUris } from './scope';
import { randomSerial } from './serial';

export interface IssueOptions extends CaUnlock {
  kind: CertKind | string;
  region: string;
  /** Required for clients; servers are always regional-server. */
  role?: string;
  depot?: string | null;
  name: string;
  /** The .p12 to write (mode 0600); never overwritten. */
  out: string;
  /** Validity from `notBefore` (or now); default 7 for clients, 365 for servers. */
  days?: number;
  /** Default: five minutes ago, for clock skew. */
  notBefore?: Date;
  /** Overrides `days`; may lie in the past (tests of expired certificates). */
  notAfter?: Date;
  /** Extra DNS names or IP addresses of a server, beyond localhost and 127.0.0.1. */
  hosts?: string[];
  /**
   * The identity's own passphrase (never the CA's). Given: used, no file written. Otherwise
   * read from `identityPassphraseFile` when that file exists (the operator's choice), else a
   * random one is written there (0600), by default beside the .p12 (`identityPassphrasePath`).
   */
  identityPassphrase?: string;
  identityPassphraseFile?: string;
}

export interface IssueResult {
  file: string;
  serial: string;
  certPem: string;
  /** The certificate, its region's intermediate, the root. */
  chainPem: string[];
  info: CertInfo;
  record: IssuedRecord;
  intermediateCreated: boolean;
  /** The file holding the identity's passphrase; null when the caller gave the passphrase. */
  passphraseFile: string | null;
  /** true when the passphrase was generated here (and written to `passphraseFile`). */
  passphraseCreated: boolean;
}

/** The identity passphrase as the options ask for it; a new one is written only after checks pass. */
function identityPassphrase(options: IssueOptions): { passphrase: string | null; file: string | null } {
  if (options.identityPassphrase !== undefined) {
    if (options.identityPassphrase === '') throw new PkiError('bad-passphrase-file', 'the identity passphrase is empty');
    return { passphrase: options.identityPassphrase, file: null };
  }
  const file = options.identityPassphraseFile ?? identityPassphrasePath(options.out);
  if (existsSync(file)) {
    // Beside the .p12 a leftover file would silently reuse an old identity's secret.
    if (options.identityPassphraseFile === undefined) throw new PkiError('exists', `${file} already exists; refusing to reuse it for a new identity (remove it, or name it with --identity-passphrase-file)`);
    return { passphrase: readPassphraseFile(file, `passphrase of ${options.out}`), file };
  }
  if (!existsSync(dirname(resolve(file)))) throw new PkiError('missing-file', `${dirname(resolve(file))}: directory not found`);
  return { passphrase: null, file };
}

/**
 * Issues a server or client certificate under the region's intermediate (created on first
 * use) and writes key, certificate and chain as a .p12 encrypted with the identity's own
 * passphrase: what is handed out never opens with, nor reveals, the CA passphrase.
 */
export function issueCertificate(dir: string, options: IssueOptions): IssueResult {
  const now = new Date();
  const kind = checkKind(options.kind);
  if (kind === 'server' && options.role !== undefined && options.role !== 'regional-server') {
    throw new PkiError('scope', `a server certificate has role regional-server, not ${options.role}`);
  }
  if (kind === 'client' && options.role === undefined) throw new PkiError('unknown-role', 'a client certificate needs a role');
  const scope = checkScope(kind === 'server' ? 'regional-server' : (options.role as string), options.region, options.depot ?? null);
  const name = checkName(options.name);
  if (kind === 'client' && options.hosts && options.hosts.length > 0) throw new PkiError('bad-host', 'host names apply to server certificates only');
  const altNames: AltName[] = [
    ...(kind === 'server' ? serverAltNames(options.hosts ?? []) : []),
    ...scopeUris(scope).map((value): AltName => ({ type: 6, value })),
  ];
  const { notBefore, notAfter } = validity(kind, options, now);
  const layout = existingLayout(dir);
  if (existsSync(options.out)) throw new PkiError('exists', `${options.out} already exists; choose a new output path`);
  if (!existsSync(dirname(resolve(options.out)))) throw new PkiError('missing-file', `${dirname(resolve(options.out))}: directory not found`);

  const passphrase = unlockCa(dir, options);
  const own = identityPassphrase(options);
  if (own.passphrase === passphrase) throw new PkiError('same-passphrase', `the identity passphrase${own.file ? ` in ${own.file}` : ''} is the CA passphrase; an identity needs its own`);
  const index = readIndex(layout); // a damaged index stops us before anything is written
  const { ca, created } = ensureIntermediate(layout, scope.region, passphrase, now);
  if (notAfter.getTime() > ca.cert.validity.notAfter.getTime()) {
    throw new PkiError('bad-validity', `the certificate would outlive its CA (valid until ${ca.cert.validity.notAfter.toISOString()})`);
  }
  const root = loadRoot(layout, passphrase).cert;
  const key = generateKey(LEAF_KEY_BITS);
  const serial = randomSerial();
  const cert = buildCertificate({
    serial,
    subject: { cn: name, ou: scope.role, o: scope.region },
    key,
    notBefore,
    notAfter,
    issuer: ca,
    ca: null,
    // A regional server is also a client: of its region's NATS cluster, which verifies client certificates.
    extKeyUsage: kind === 'server' ? ['serverAuth', 'clientAuth'] : ['clientAuth'],
    altNames,
  });
  const friendlyName = friendlyNameOf({ name, role: scope.role, region: scope.region, serial });
  const identitySecret = own.passphrase ?? createPassphraseFile(own.file as string);
  writeNewFile(options.out, buildP12(key, [cert, ca.cert, root], identitySecret, friendlyName), 0o600);

  const chainPem = [cert, ca.cert, root].map(certToPem);
  const certPem = chainPem[0] as string;
  const info = certInfo(certPem);
  const record: IssuedRecord = {
    serial,
    kind,
    subject: info.subject,
    name,
    role: scope.role,
    region: scope.region,
    depot: scope.depot,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    issuedAt: now.toISOString(),
    file: resolve(options.out),
    fingerprint256: info.fingerprint256,
    revoked: null,
  };
  mkdirSync(layout.certsDir, { recursive: true });
  writeNewFile(join(layout.certsDir, `${serial}.crt`), certPem, 0o644);
  index.certificates.push(record);
  writeIndex(layout, index);
  // A new region starts with an empty CRL: Node's TLS refuses a chain with no CRL for a level.
  if (created) regenerateRegionCrl(layout, scope.region, passphrase);
  return { file: options.out, serial, certPem, chainPem, info, record, intermediateCreated: created, passphraseFile: own.file, passphraseCreated: own.passphrase === null };
}
