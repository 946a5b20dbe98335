import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { certInfo, fingerprint256 } from './cert-info';
import { regenerateRegionCrl, type CrlResult } from './crl';
import { PkiError } from './errors';
import { readIndex, REVOCATION_REASONS, writeIndex, type IssuedRecord, type RevocationReason } from './issued-index';
import { existingLayout, type PkiLayout } from './layout';
import { unlockCa, type CaUnlock } from './passphrase';
import { readCertificateFile } from './read-cert';
import { normalizeSerial } from './serial';

export interface RevokeOptions extends CaUnlock {
  reason?: RevocationReason | string;
  now?: Date;
}

export interface RevokeResult {
  record: IssuedRecord;
  crl: CrlResult;
}

function checkReason(reason: string): RevocationReason {
  if (!Object.hasOwn(REVOCATION_REASONS, reason)) {
    throw new PkiError('bad-reason', `unknown revocation reason "${reason}" (${Object.keys(REVOCATION_REASONS).join(', ')})`);
  }
  return reason as RevocationReason;
}

function revokeRecord(layout: PkiLayout, serial: string, fingerprint: string | null, options: RevokeOptions, passphrase: string): RevokeResult {
  const reason = checkReason(options.reason ?? 'unspecified');
  const index = readIndex(layout);
  const record = index.certificates.find((c) => c.serial === serial);
  // The fingerprint, not only the serial, ties the certificate to this PKI.
  if (!record || (fingerprint !== null && record.fingerprint256 !== fingerprint)) {
    throw new PkiError('not-issued-here', `certificate ${serial} was not issued by the PKI in ${layout.dir}`);
  }
  if (record.revoked) throw new PkiError('already-revoked', `certificate ${serial} (${record.subject}) was already revoked at ${record.revoked.time}`);
  record.revoked = { time: (options.now ?? new Date()).toISOString(), reason };
  writeIndex(layout, index);
  return { record, crl: regenerateRegionCrl(layout, record.region, passphrase) };
}

/** Revokes the certificate in `certFile` (.p12, PEM or DER) and regenerates its region's CRL. */
export function revokeCertificate(dir: string, certFile: string, options: RevokeOptions = {}): RevokeResult {
  const layout = existingLayout(dir);
  const passphrase = unlockCa(dir, options);
  // Read without the MAC check: the fingerprint match below is what proves the certificate
  // ours, and a .p12 from another PKI then gets "not issued here", not "wrong passphrase".
  const { certPem } = readCertificateFile(certFile);
  return revokeRecord(layout, certInfo(certPem).serial, fingerprint256(certPem), options, passphrase);
}

/** Revokes by serial (hex), for a certificate whose file is lost; the PKI kept a copy. */
export function revokeSerial(dir: string, serial: string, options: RevokeOptions = {}): RevokeResult {
  const layout = existingLayout(dir);
  const passphrase = unlockCa(dir, options);
  const normalized = normalizeSerial(serial.replace(/:/g, ''));
  if (!/^[0-9a-f]+$/.test(normalized)) throw new PkiError('bad-certificate', `serial "${serial}" is not hexadecimal`);
  const copy = join(layout.certsDir, `${normalized}.crt`);
  const fingerprint = existsSync(copy) ? fingerprint256(readFileSync(copy, 'utf8')) : null;
  return revokeRecord(layout, normalized, fingerprint, options, passphrase);
}
