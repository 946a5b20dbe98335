import { existsSync, rmSync } from 'node:fs';
import { identityPassphrasePath, issueCertificate, loadIdentityFile, type Identity } from '../../core/pki';

/** The demo's second officer: a duty officer of Hunan, where the demo's live flood drill plays. */
export const DEMO_OFFICER = { region: '430000', role: 'duty-officer', name: 'demo-officer-hunan' } as const;

/** Renewed a day before it lapses, so a demo left running overnight keeps its link. */
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

export interface OfficerIdentityOptions {
  pkiDir: string;
  /** The officer's .p12 (mode 0600), with its own passphrase file beside it. */
  file: string;
  /** The running demo's national root: a certificate from an earlier demo PKI is no use. */
  rootPem: string;
  log: (line: string) => void;
  now?: Date;
}

/** Why the .p12 cannot serve as the officer's identity any longer; null when it can. */
function unusable(identity: Identity, rootPem: string, now: Date): string | null {
  const { info } = identity;
  if (identity.chainPem.at(-1)?.trim() !== rootPem.trim()) return 'it was issued by another demo PKI';
  if (info.role !== DEMO_OFFICER.role || info.region !== DEMO_OFFICER.region || info.name !== DEMO_OFFICER.name) {
    return `it names ${info.subject}, not ${DEMO_OFFICER.name} (${DEMO_OFFICER.role}, ${DEMO_OFFICER.region})`;
  }
  if (Date.parse(info.notAfter) - now.getTime() < RENEW_BEFORE_MS) return `it expires ${info.notAfter}`;
  return null;
}

/**
 * The second officer's identity from the demo PKI: issued on first use, then reused while it
 * stays valid, so the officer keeps one certificate (and one subject) across starts.
 */
export function ensureOfficerIdentity(options: OfficerIdentityOptions): Identity {
  const now = options.now ?? new Date();
  if (existsSync(options.file)) {
    let reason: string | null;
    try {
      const identity = loadIdentityFile(options.file);
      reason = unusable(identity, options.rootPem, now);
      if (reason === null) return identity;
    } catch (err) {
      reason = `it cannot be read: ${(err as Error).message}`;
    }
    options.log(`replacing the second officer's certificate ${options.file}: ${reason}`);
    rmSync(options.file);
  }
  options.log(`issuing the second officer's certificate (${DEMO_OFFICER.name}, ${DEMO_OFFICER.role} of ${DEMO_OFFICER.region}) from the demo PKI…`);
  // A passphrase file left without its .p12 belongs to no identity any more.
  rmSync(identityPassphrasePath(options.file), { force: true });
  issueCertificate(options.pkiDir, { kind: 'client', region: DEMO_OFFICER.region, role: DEMO_OFFICER.role, name: DEMO_OFFICER.name, out: options.file });
  return loadIdentityFile(options.file);
}
