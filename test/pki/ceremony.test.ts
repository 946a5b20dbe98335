import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIdentity, loadIdentityFile, PkiError } from '../../src/core/pki';
import { startRegionalServer, type RegionalServer } from '../../src/core/regional/regional-server';
import { openRegionalStore } from '../../src/core/regional/regional-store';
import { RawClient } from '../sync/support/raw-client';
import { openssl, useSharedDir } from './fixtures';

/*
 * The CA ceremony through the operator's command line: the CA folder issues identities with
 * their own passphrases and exports a public trust bundle; what a server or workstation is
 * handed never holds the CA's keys or passphrase, and a server runs from it alone.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const shared = useSharedDir();
const REGION = '430000';

function inrs(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/inrs.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(...args: string[]): string {
  const r = inrs(...args);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

let base: string;
let ca: string;
let caPassphrase: string;
let trust: string;
/** Everything `pki issue` and `pki export-trust` hand out, by who receives it. */
let handedOut: { server: string[]; workstation: string[]; trust: string[] };

beforeAll(() => {
  base = shared();
  ca = join(base, 'ca-machine', 'pki');
  mkdirSync(join(base, 'ca-machine', 'out'), { recursive: true });
  const out = (name: string) => join(base, 'ca-machine', 'out', name);
  ok('pki', 'init', '--dir', ca);
  caPassphrase = readFileSync(join(ca, 'ca-passphrase'), 'utf8').trim();
  ok('pki', 'issue', '--dir', ca, '--kind', 'server', '--region', REGION, '--name', 'hunan-1', '--days', '30', '--out', out('hunan-1.p12'));
  ok('pki', 'issue', '--dir', ca, '--kind', 'client', '--region', REGION, '--role', 'duty-officer', '--name', 'wangfang', '--out', out('wangfang.p12'));
  ok('pki', 'issue', '--dir', ca, '--kind', 'client', '--region', REGION, '--role', 'duty-officer', '--name', 'lijun', '--out', out('lijun.p12'));
  trust = out('trust');
  expect(ok('pki', 'export-trust', '--dir', ca, '--out', trust)).toMatch(/exported the trust bundle .*root\.crt.*ca\/430000\.crt.*crl\/root\.crl.*crl\/430000\.crl/);
  handedOut = {
    server: [out('hunan-1.p12'), out('hunan-1.passphrase')],
    workstation: [out('wangfang.p12'), out('wangfang.passphrase')],
    trust: filesUnder(trust),
  };
}, 300_000);

describe('the CA ceremony (inrs pki)', () => {
  it('hands out no CA private key and no CA passphrase: not in the identities, their passphrases or the trust bundle', () => {
    const all = [...handedOut.server, ...handedOut.workstation, ...handedOut.trust];
    expect(handedOut.trust.map((f) => relative(trust, f)).sort()).toEqual(['ca/430000.crt', 'crl/430000.crl', 'crl/root.crl', 'root.crt']);
    for (const file of all) {
      const bytes = readFileSync(file);
      expect(bytes.toString('latin1'), file).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
      expect(bytes.toString('latin1').includes(caPassphrase), `${file} holds the CA passphrase`).toBe(false);
      expect(bytes.toString('latin1').includes(Buffer.from(caPassphrase).toString('base64')), file).toBe(false);
    }
    // The keys inside the .p12s: no bag opens with the CA passphrase (forge and OpenSSL agree).
    for (const p12 of [handedOut.server[0], handedOut.workstation[0]] as string[]) {
      expect(() => loadIdentity(p12, caPassphrase)).toThrow(PkiError);
      expect(openssl(['pkcs12', '-in', p12, '-passin', `pass:${caPassphrase}`, '-nodes']).status, p12).not.toBe(0);
      expect(loadIdentityFile(p12).keyPem).toMatch(/BEGIN RSA PRIVATE KEY/);
    }
    for (const file of [...handedOut.server, ...handedOut.workstation]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    // Each identity's passphrase is its own.
    const secrets = [...handedOut.server, ...handedOut.workstation].filter((f) => f.endsWith('.passphrase')).map((f) => readFileSync(f, 'utf8').trim());
    expect(new Set([caPassphrase, ...secrets]).size).toBe(secrets.length + 1);
  });

  it('a server runs from the trust bundle and its identity alone (the CA folder gone), and reloads CRLs carried to it later', async () => {
    const host = join(base, 'server-host');
    mkdirSync(host);
    cpSync(trust, join(host, 'trust'), { recursive: true });
    for (const file of handedOut.server) copyFileSync(file, join(host, file.split('/').at(-1) as string));
    // The CA machine is elsewhere: nothing of it is reachable from the server.
    const offline = join(base, 'offline-ca');
    renameSync(join(base, 'ca-machine'), offline);
    const logs: string[] = [];
    const dataDir = join(host, 'data');
    openRegionalStore(dataDir, REGION).close();
    let server: RegionalServer | null = null;
    try {
      server = await startRegionalServer({ region: REGION, dataDir, trustDir: join(host, 'trust'), identityFile: join(host, 'hunan-1.p12'), port: 0, log: (l) => logs.push(l) });
      const rootPem = readFileSync(join(host, 'trust', 'root.crt'), 'utf8');
      const connect = async (name: string) => {
        const client = new RawClient(server!.url, { rootPem, identity: loadIdentityFile(join(offline, 'out', `${name}.p12`)) });
        try {
          await client.open();
          return 'open';
        } catch (err) {
          return (err as Error).message;
        } finally {
          client.ws.terminate();
        }
      };
      expect(await connect('wangfang')).toBe('open');
      expect(await connect('lijun')).toBe('open');
      expect(logs.filter((l) => l.startsWith('trust folder:'))).toEqual([]);

      // Revoked on the CA machine; the new CRLs are carried to the server's trust folder.
      ok('pki', 'revoke', '--dir', join(offline, 'pki'), '--cert', join(offline, 'out', 'lijun.p12'), '--reason', 'keyCompromise');
      ok('pki', 'export-trust', '--dir', join(offline, 'pki'), '--out', join(offline, 'out', 'trust'));
      cpSync(join(offline, 'out', 'trust', 'crl'), join(host, 'trust', 'crl'), { recursive: true });
      server.reloadTrust();
      expect(await connect('lijun')).toMatch(/403/);
      expect(logs.join('\n')).toMatch(/client certificate refused: CERT_REVOKED/);
      expect(await connect('wangfang')).toBe('open');
    } finally {
      await server?.close();
      renameSync(offline, join(base, 'ca-machine'));
    }
  }, 120_000);

  it('inrs server refuses --pki-dir and a CA folder given as --trust; a wrong identity passphrase is refused naming the file', () => {
    const caFolder = inrs('server', '--region', REGION, '--data', join(base, 'refused'), '--trust', ca, '--identity', handedOut.server[0] as string, '--port', '0');
    expect(caFolder.status).toBe(1);
    expect(caFolder.stderr).toMatch(/holds CA private material \(.*root\.key.*\): a server or workstation reads a trust folder made by inrs pki export-trust/);
    const old = inrs('server', '--region', REGION, '--data', join(base, 'refused'), '--pki-dir', ca, '--identity', handedOut.server[0] as string, '--port', '0');
    expect(old.status).toBe(2);
    expect(old.stderr).toMatch(/--pki-dir is gone: .*--trust/);

    const wrong = join(base, 'wrong.passphrase');
    copyFileSync(handedOut.workstation[1] as string, wrong);
    const config = join(base, 'sync.json');
    writeFileSync(
      config,
      JSON.stringify({ replica: 'never.db', keyFile: 'never.key', identity: handedOut.server[0], passphraseFile: 'wrong.passphrase', rootCert: join(trust, 'root.crt'), regions: { [REGION]: { urls: ['wss://127.0.0.1:1'] } } }),
    );
    const sync = inrs('sync', '--config', config, '--once');
    expect(sync.status).toBe(1);
    expect(sync.stderr).toMatch(/hunan-1\.p12: wrong passphrase in .*wrong\.passphrase/);
    expect(readdirSync(base)).not.toContain('never.db');

    // A config still naming the CA passphrase (one passphrase for everything) is refused by name.
    writeFileSync(config, JSON.stringify({ replica: 'never.db', keyFile: 'never.key', identity: handedOut.workstation[0], passphraseFile: join(ca, 'ca-passphrase'), rootCert: join(trust, 'root.crt'), regions: { [REGION]: { urls: ['wss://127.0.0.1:1'] } } }));
    const legacy = inrs('sync', '--config', config, '--once');
    expect(legacy.status).toBe(1);
    expect(legacy.stderr).toMatch(/ca-passphrase lies in a CA folder \(beside root\.key\)/);
  }, 120_000);

  it('rotates the CA passphrase and an identity passphrase; the old ones are refused with a clear error', () => {
    const oldCa = join(base, 'old-ca-passphrase');
    copyFileSync(join(ca, 'ca-passphrase'), oldCa);
    expect(ok('pki', 'rotate-passphrase', '--dir', ca)).toMatch(/rotated the CA passphrase .*root\.key.*430000\.key/);
    const newCa = readFileSync(join(ca, 'ca-passphrase'), 'utf8').trim();
    expect(newCa).not.toBe(caPassphrase);
    expect(statSync(join(ca, 'ca-passphrase')).mode & 0o777).toBe(0o600);
    expect(openssl(['pkey', '-in', join(ca, 'root.key'), '-passin', `pass:${newCa}`, '-noout']).status).toBe(0);
    expect(openssl(['pkey', '-in', join(ca, 'root.key'), '-passin', `pass:${caPassphrase}`, '-noout']).status).not.toBe(0);
    const refused = inrs('pki', 'crl', '--dir', ca, '--region', REGION, '--out', join(base, 'x.crl'), '--ca-passphrase-file', oldCa);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/430000\.key: cannot decrypt the key: wrong CA passphrase \(an old one, if it was rotated/);
    ok('pki', 'crl', '--dir', ca, '--region', REGION, '--out', join(base, 'x.crl'));

    const p12 = handedOut.workstation[0] as string;
    const oldId = join(base, 'old-wangfang.passphrase');
    copyFileSync(handedOut.workstation[1] as string, oldId);
    const before = loadIdentityFile(p12).certPem;
    expect(ok('pki', 'rotate-passphrase', '--identity', p12)).toMatch(/rotated the passphrase of .*wangfang\.p12/);
    expect(loadIdentityFile(p12).certPem).toBe(before);
    expect(readFileSync(handedOut.workstation[1] as string, 'utf8')).not.toBe(readFileSync(oldId, 'utf8'));
    expect(() => loadIdentityFile(p12, oldId)).toThrow(/wangfang\.p12: wrong passphrase in .*old-wangfang\.passphrase/);
    const show = inrs('pki', 'show', '--cert', p12, '--passphrase-file', oldId);
    expect(show.status).toBe(1);
    expect(show.stderr).toMatch(/wangfang\.p12: wrong passphrase/);
    expect(ok('pki', 'show', '--cert', p12)).not.toMatch(/integrity not checked/);
  }, 300_000);
});
