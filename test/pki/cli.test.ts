import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openssl, useSharedDir } from './fixtures';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const shared = useSharedDir();

/** `node bin/inrs.mjs …` from this checkout, as an operator runs it. */
function inrs(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/inrs.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(...args: string[]): string {
  const r = inrs(...args);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('inrs pki (CLI)', () => {
  it('init, issue, show, revoke, crl: the operator round trip', { timeout: 240_000 }, () => {
    const base = shared();
    const D = join(base, 'pki');
    ok('pki', 'init', '--dir', D);
    expect(statSync(join(D, 'ca-passphrase')).mode & 0o777).toBe(0o600);

    const again = inrs('pki', 'init', '--dir', D);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^inrs: .*already holds a PKI.*\n$/);

    const server = join(base, 'server.p12');
    expect(ok('pki', 'issue', '--dir', D, '--kind', 'server', '--region', '310000', '--name', 'sh-sync-1', '--days', '30', '--out', server, '--host', 'sync.sh.example')).toMatch(
      /issued server certificate CN=sh-sync-1,OU=regional-server,O=310000/,
    );
    const client = join(base, 'client.p12');
    ok('pki', 'issue', '--dir', D, '--kind', 'client', '--region', '310000', '--role', 'duty-officer', '--name', 'officer-1', '--out', client);
    expect(openssl(['pkcs12', '-in', client, '-passin', `file:${join(base, 'client.passphrase')}`, '-nodes']).status).toBe(0);

    const shown = JSON.parse(ok('pki', 'show', '--cert', client, '--json')) as Record<string, unknown>;
    expect(shown).toMatchObject({ subject: 'CN=officer-1,OU=duty-officer,O=310000', role: 'duty-officer', region: '310000', depot: null });
    expect(ok('pki', 'show', '--cert', server, '--dir', D)).toMatch(/hosts\s+localhost, 127\.0\.0\.1, sync\.sh\.example[\s\S]*issued it; not revoked/);

    expect(ok('pki', 'revoke', '--dir', D, '--cert', client)).toMatch(/revoked CN=officer-1.*\nCRL .*310000\.crl: 1 revoked/);
    const out = join(base, 'sh.crl');
    ok('pki', 'crl', '--dir', D, '--region', '310000', '--out', out, '--days', '2');
    const text = openssl(['crl', '-in', out, '-noout', '-text']).out;
    expect(text).toContain(`Serial Number: ${String(shown.serial).toUpperCase()}`);
    expect(readFileSync(out, 'utf8')).toMatch(/^-----BEGIN X509 CRL-----/);
  });

  it('one clear line and a non-zero exit on usage and PKI errors', () => {
    const base = shared();
    const cases: [string[], number, RegExp][] = [
      [['pki', 'issue', '--dir', join(base, 'none'), '--kind', 'client', '--region', '110000', '--role', 'auditor', '--name', 'a', '--out', join(base, 'a.p12')], 1, /PKI directory not found/],
      [['pki', 'issue', '--kind', 'client'], 2, /missing --dir/],
      [['pki', 'issue', '--dir', base, '--kind', 'laptop', '--region', '1', '--name', 'a', '--out', 'x'], 2, /--kind must be server or client/],
      [['pki', 'issue', '--dir', base, '--bogus'], 2, /Unknown option '--bogus'/],
      [['pki', 'crl', '--dir', base, '--region', '110000', '--out', 'x', '--days', 'soon'], 2, /--days must be a whole number/],
      [['pki', 'frobnicate'], 2, /unknown pki command "frobnicate"/],
    ];
    for (const [args, status, message] of cases) {
      const r = inrs(...args);
      expect(r.status, args.join(' ')).toBe(status);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('lists the pki commands in --help', () => {
    const help = ok('--help');
    for (const command of ['pki init', 'pki issue', 'pki export-trust', 'pki revoke', 'pki crl', 'pki rotate-passphrase', 'pki show']) expect(help).toContain(`inrs ${command}`);
    expect(ok('pki', 'issue', '--help')).toMatch(/^inrs pki issue --dir DIR --kind server\|client/);
  });
});
