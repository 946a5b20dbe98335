import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readCrlSummary } from './crl-asn1';
import { regenerateRegionCrl, regenerateRootCrl } from './crl';
import { readIndex, revokedInRegion } from './issued-index';
import { existingLayout, regionCrlPath } from './layout';
import { readPassphrase } from './passphrase';

/** A CRL this close to its nextUpdate is replaced, so a peer never loads one about to lapse. */
const FRESH_MARGIN_MS = 24 * 3600 * 1000;

export interface TrustStore {
  /** The national root: the only trust anchor. */
  ca: string[];
  /** The root's CRL and every region's CRL (Node's TLS checks revocation at every chain level). */
  crl: string[];
}

function isCurrent(file: string, revoked: string[] | null, now: Date): boolean {
  if (!existsSync(file)) return false;
  try {
    const summary = readCrlSummary(readFileSync(file, 'utf8'));
    if (!summary.nextUpdate || summary.nextUpdate.getTime() - now.getTime() < FRESH_MARGIN_MS) return false;
    if (revoked === null) return true;
    const listed = new Set(summary.serials);
    return listed.size === revoked.length && revoked.every((s) => listed.has(s));
  } catch {
    return false;
  }
}

/** Trust material for a TLS context: the root, and CRLs regenerated when missing or stale. */
export function trustStore(dir: string, options: { passphrase?: string; passphraseFile?: string } = {}): TrustStore {
  const layout = existingLayout(dir);
  const now = new Date();
  let passphrase = options.passphrase;
  const unlock = () => (passphrase ??= readPassphrase(dir, options.passphraseFile));

  const crls: string[] = [];
  if (!isCurrent(layout.rootCrl, [], now)) regenerateRootCrl(layout, unlock(), undefined, now);
  crls.push(layout.rootCrl);

  const index = readIndex(layout);
  const regions = existsSync(layout.caDir)
    ? readdirSync(layout.caDir)
        .filter((f) => /^\d{6}\.crt$/.test(f))
        .map((f) => f.slice(0, 6))
        .sort()
    : [];
  for (const region of regions) {
    const file = regionCrlPath(layout, region);
    const revoked = revokedInRegion(index, region).map((r) => r.serial);
    if (!isCurrent(file, revoked, now)) regenerateRegionCrl(layout, region, unlock(), undefined, now);
    crls.push(file);
  }
  return { ca: [readFileSync(layout.rootCert, 'utf8')], crl: crls.map((f) => readFileSync(f, 'utf8')) };
}
