import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasIntermediate, loadIntermediate, loadRoot, type CertAndKey } from './ca';
import { buildCrl, readCrlSummary, type CrlEntry } from './crl-asn1';
import { PkiError } from './errors';
import { writeFileAtomic } from './files';
import { readIndex, REVOCATION_REASONS, revokedInRegion } from './issued-index';
import { existingLayout, regionCrlPath, type PkiLayout } from './layout';
import { unlockCa, type CaUnlock } from './passphrase';
import { checkRegion } from './scope';

export const DEFAULT_CRL_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;
/** The root's CRL (revoked intermediates: none so far) lives as long; OpenSSL needs one per chain level. */
const ROOT_KEY = 'root';

export interface CrlResult {
  file: string;
  region: string;
  pem: string;
  revoked: string[];
  thisUpdate: string;
  nextUpdate: string;
}

/** Monotonic CRL numbers per issuer, kept beside the index. */
function nextCrlNumber(layout: PkiLayout, issuer: string): number {
  let numbers: Record<string, number> = {};
  if (existsSync(layout.crlNumbers)) {
    try {
      numbers = JSON.parse(readFileSync(layout.crlNumbers, 'utf8')) as Record<string, number>;
    } catch {
      throw new PkiError('corrupt-pki', `${layout.crlNumbers}: not valid JSON`);
    }
  }
  const next = (Number.isSafeInteger(numbers[issuer]) ? (numbers[issuer] as number) : 0) + 1;
  writeFileAtomic(layout.crlNumbers, `${JSON.stringify({ ...numbers, [issuer]: next }, null, 2)}\n`);
  return next;
}

function signCrl(layout: PkiLayout, issuerKey: string, issuer: CertAndKey, entries: CrlEntry[], days: number, now: Date): string {
  if (!Number.isFinite(days) || days <= 0) throw new PkiError('bad-validity', `CRL validity must be a positive number of days, not ${days}`);
  return buildCrl({
    issuer,
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + days * DAY_MS),
    number: nextCrlNumber(layout, issuerKey),
    entries,
  });
}

function publish(file: string, pem: string, region: string): CrlResult {
  writeFileAtomic(file, pem);
  const summary = readCrlSummary(pem);
  return {
    file,
    region,
    pem,
    revoked: summary.serials,
    thisUpdate: summary.thisUpdate.toISOString(),
    nextUpdate: summary.nextUpdate?.toISOString() ?? '',
  };
}

/** Regenerates the region's CRL at `D/crl/<region>.crl` from the revocations in the index. */
export function regenerateRegionCrl(layout: PkiLayout, region: string, passphrase: string, days = DEFAULT_CRL_DAYS, now = new Date()): CrlResult {
  const issuer = loadIntermediate(layout, region, passphrase);
  const entries = revokedInRegion(readIndex(layout), region).map((r) => ({
    serial: r.serial,
    time: new Date(r.revoked?.time ?? now),
    reasonCode: REVOCATION_REASONS[r.revoked?.reason ?? 'unspecified'],
  }));
  mkdirSync(layout.crlDir, { recursive: true });
  return publish(regionCrlPath(layout, region), signCrl(layout, region, issuer, entries, days, now), region);
}

export function regenerateRootCrl(layout: PkiLayout, passphrase: string, days = DEFAULT_CRL_DAYS, now = new Date()): CrlResult {
  mkdirSync(layout.crlDir, { recursive: true });
  return publish(layout.rootCrl, signCrl(layout, ROOT_KEY, loadRoot(layout, passphrase), [], days, now), ROOT_KEY);
}

/**
 * A signed CRL for `region`, written to `out` and kept as the PKI's current one in
 * `D/crl/<region>.crl` (which the trust store serves).
 */
export function writeCrl(dir: string, region: string, out?: string, days = DEFAULT_CRL_DAYS, options: CaUnlock = {}): CrlResult {
  const layout = existingLayout(dir);
  checkRegion(region);
  if (!hasIntermediate(layout, region)) throw new PkiError('unknown-region', `no intermediate CA for region ${region} in ${dir} yet (issue a certificate for the region first)`);
  const passphrase = unlockCa(dir, options);
  const result = regenerateRegionCrl(layout, region, passphrase, days);
  if (out === undefined || resolve(out) === resolve(result.file)) return result;
  writeFileAtomic(out, result.pem);
  return { ...result, file: out };
}
