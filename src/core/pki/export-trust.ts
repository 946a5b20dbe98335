import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readCrlSummary } from './crl-asn1';
import { DEFAULT_CRL_DAYS, regenerateRegionCrl, regenerateRootCrl } from './crl';
import { PkiError } from './errors';
import { writeFileAtomic } from './files';
import { readIndex, revokedInRegion } from './issued-index';
import { existingLayout, intermediateCertPath, regionCrlPath, type PkiLayout } from './layout';
import { unlockCa, type CaUnlock } from './passphrase';
import { caMaterialIn, FRESH_MARGIN_MS, listFiles, trustFolderOf } from './trust';

export interface ExportTrustOptions extends CaUnlock {
  /** Re-sign every CRL with this lifetime; otherwise only CRLs missing, stale or behind the index. */
  crlDays?: number;
  now?: Date;
}

export interface ExportTrustResult {
  dir: string;
  /** Every file written, relative to `dir`. */
  files: string[];
  /** CRLs re-signed on the way (root or region). */
  resigned: string[];
  /** The earliest nextUpdate among the exported CRLs: the bundle must be replaced before then. */
  nextUpdate: string;
}

function isCurrent(file: string, revoked: string[], now: Date): boolean {
  if (!existsSync(file)) return false;
  try {
    const summary = readCrlSummary(readFileSync(file, 'utf8'));
    if (!summary.nextUpdate || summary.nextUpdate.getTime() - now.getTime() < FRESH_MARGIN_MS) return false;
    const listed = new Set(summary.serials);
    return listed.size === revoked.length && revoked.every((s) => listed.has(s));
  } catch {
    return false;
  }
}

const regionsOf = (layout: PkiLayout): string[] => listFiles(layout.caDir, /^\d{6}\.crt$/).map((f) => f.slice(0, 6));

/**
 * The public trust bundle of the PKI in `dir`, written to `out`: the root certificate, every
 * intermediate's certificate and the current CRLs (re-signed first when needed, which takes
 * the CA passphrase). No key and no passphrase is ever written there.
 */
export function exportTrust(dir: string, out: string, options: ExportTrustOptions = {}): ExportTrustResult {
  const layout = existingLayout(dir);
  const now = options.now ?? new Date();
  if (resolve(out) === resolve(dir)) throw new PkiError('exists', `--out ${out} is the PKI directory itself; name a separate trust folder`);
  const material = caMaterialIn(out);
  if (material.length > 0) throw new PkiError('ca-material', `${out} holds CA private material (${material.join(', ')}); a trust bundle goes to a folder of its own`);
  const target = trustFolderOf(out);
  const rootPem = readFileSync(layout.rootCert, 'utf8');
  if (existsSync(target.rootCert) && readFileSync(target.rootCert, 'utf8') !== rootPem) {
    throw new PkiError('exists', `${target.rootCert} is another PKI's root; refusing to mix trust bundles (use an empty folder)`);
  }

  let passphrase: string | undefined;
  const unlock = () => (passphrase ??= unlockCa(dir, options));
  const resigned: string[] = [];
  if (options.crlDays !== undefined || !isCurrent(layout.rootCrl, [], now)) {
    regenerateRootCrl(layout, unlock(), options.crlDays ?? DEFAULT_CRL_DAYS, now);
    resigned.push('root');
  }
  const index = readIndex(layout);
  const regions = regionsOf(layout);
  for (const region of regions) {
    const revoked = revokedInRegion(index, region).map((r) => r.serial);
    if (options.crlDays !== undefined || !isCurrent(regionCrlPath(layout, region), revoked, now)) {
      regenerateRegionCrl(layout, region, unlock(), options.crlDays ?? DEFAULT_CRL_DAYS, now);
      resigned.push(region);
    }
  }

  mkdirSync(target.caDir, { recursive: true });
  mkdirSync(target.crlDir, { recursive: true });
  const copies: [string, string][] = [
    [layout.rootCert, 'root.crt'],
    ...regions.map((r): [string, string] => [intermediateCertPath(layout, r), join('ca', `${r}.crt`)]),
    [layout.rootCrl, join('crl', 'root.crl')],
    ...regions.map((r): [string, string] => [regionCrlPath(layout, r), join('crl', `${r}.crl`)]),
  ];
  // CRLs last: a reader never sees a CRL for an intermediate it cannot find yet.
  for (const [from, to] of copies) writeFileAtomic(join(out, to), readFileSync(from), 0o644);
  const ends = ['root', ...regions].map((r) => readCrlSummary(readFileSync(r === 'root' ? layout.rootCrl : regionCrlPath(layout, r), 'utf8')).nextUpdate?.getTime() ?? Infinity);
  return { dir: out, files: copies.map(([, to]) => to), resigned, nextUpdate: new Date(Math.min(...ends)).toISOString() };
}
