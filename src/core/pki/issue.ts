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
import { buildP12 } from './p12';
import { readPassphrase } from './passphrase';
import { checkName, checkScope, scopeUris } from './scope';
import { randomSerial } from './serial';

export interface IssueOptions {
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
  passphrase?: string;
  passphraseFile?: string;
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
}

/**
 * Issues a server or client certificate under the region's intermediate (created on first
 * use) and writes key, certificate and chain as a passphrase-protected .p12.
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

  const passphrase = options.passphrase ?? readPassphrase(dir, options.passphraseFile);
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
    extKeyUsage: kind === 'server' ? 'serverAuth' : 'clientAuth',
    altNames,
  });
  // OpenSSL 3.0 prints a BMPString friendly name byte-truncated, so non-ASCII names get a label.
  const friendlyName = /^[\x20-\x7e]+$/.test(name) ? name : `${scope.role}-${scope.region}-${serial.slice(0, 8)}`;
  writeNewFile(options.out, buildP12(key, [cert, ca.cert, root], passphrase, friendlyName), 0o600);

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
  return { file: options.out, serial, certPem, chainPem, info, record, intermediateCreated: created };
}
