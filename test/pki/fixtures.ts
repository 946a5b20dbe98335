import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { exportTrust, initPki, issueCertificate, loadIdentityFile, readCaPassphrase, type Identity, type IssueOptions } from '../../src/core/pki';

/** One temp dir for a whole test file (PKIs are slow to make), removed after it. */
export function useSharedDir(): () => string {
  const dir = mkdtempSync(join(tmpdir(), 'inrs-pki-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

export interface TestPki {
  /** The CA folder (as on the offline CA machine). */
  dir: string;
  caPassphrase: string;
  /** Issues into `<dir>/../<file>` (its own passphrase beside it) and returns the path. */
  issue(file: string, options: Omit<IssueOptions, 'out'>): string;
  /** An issued identity, opened with its own passphrase. */
  identity(p12: string): Identity;
  /** Exports the trust bundle (root, intermediates, current CRLs) to `<dir>/../<name>` and returns the folder. */
  exportTrust(name?: string): string;
}

export function makePki(parent: string, name = 'pki'): TestPki {
  const dir = join(parent, name);
  initPki(dir);
  return {
    dir,
    caPassphrase: readCaPassphrase(dir),
    issue(file, options) {
      const out = join(parent, file);
      issueCertificate(dir, { ...options, out });
      return out;
    },
    identity: (p12) => loadIdentityFile(p12),
    exportTrust(folder = `${name}-trust`) {
      const out = join(parent, folder);
      exportTrust(dir, out);
      return out;
    },
  };
}

const DAY = 24 * 3600 * 1000;
export const daysFromNow = (days: number): Date => new Date(Date.now() + days * DAY);

/** The system's OpenSSL: an independent reader of what the PKI writes. */
export function openssl(args: string[], input?: string): { status: number | null; out: string } {
  const r = spawnSync('openssl', args, { encoding: 'utf8', ...(input === undefined ? {} : { input }) });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
