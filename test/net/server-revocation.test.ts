import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initPki, issueCertificate } from '../../src/core/pki';
import type { RegionalServer } from '../../src/core/regional/regional-server';
import { directSink } from '../../src/core/sync/direct-sink';
import { RegionLink } from '../../src/core/sync/region-link';
import { ServerCrls } from '../../src/core/sync/server-crls';
import type { LinkState } from '../../src/shared/contract/sync-schemas';
import { TestNetwork } from '../sync/network';
import { spawnInrs, type InrsProcess } from '../sync/support/inrs-process';
import { waitFor } from '../sync/support/wait';

/*
 * A regional server whose identity was revoked (keyCompromise) is refused by the sync client,
 * no pins configured: at the TLS handshake when the client holds the CRL (its config's `crls`),
 * and right after the welcome when the CRL only arrives from the server itself. The refusal
 * names the revocation. A CRL no trusted CA signed is not taken from a server.
 */
const REGION = '430000';
let net: TestNetwork;
let server: RegionalServer;
let serverSerial: string;
const running: InrsProcess[] = [];

beforeAll(async () => {
  net = new TestNetwork();
  const serverP12 = net.issue({ kind: 'server', region: REGION, name: 'compromised-server' });
  server = await net.server(REGION, net.seededStore(REGION), { identityFile: serverP12 });
  serverSerial = new X509Certificate(net.identity(serverP12).chainPem[0] as string).serialNumber;
  net.revoke(serverP12, { reason: 'keyCompromise' });
  // The server itself goes on running with its revoked key, as a stolen key would.
  server.reloadTrust();
});

afterAll(async () => {
  for (const p of running) p.child.kill('SIGKILL');
  await net?.close();
});

function syncConfig(name: string, crls: string[] | undefined): string {
  const replica = net.replicaFile();
  const identity = net.issue({ kind: 'client', region: REGION, role: 'duty-officer', name: `${name}-officer` });
  const file = join(net.dir, `${name}.json`);
  const config = {
    replica: replica.file,
    keyFile: replica.keyFile,
    identity,
    rootCert: join(net.trustDir, 'root.crt'),
    ...(crls ? { crls } : {}),
    regions: { [REGION]: { urls: [server.url] } },
  };
  writeFileSync(file, JSON.stringify(config));
  return file;
}

const REVOKED = () => new RegExp(`\\[${REGION}\\] refused cursor \\d+.*server certificate compromised-server \\(serial ${serverSerial}\\) is revoked: listed in the CRL of `);

describe('the sync client checks the server for revocation', () => {
  it('`inrs sync --once` holding the PKI’s CRLs refuses the revoked server at the handshake, naming the revocation', async () => {
    const sync = spawnInrs(['sync', '--config', syncConfig('held', [join(net.trustDir, 'crl')]), '--once']);
    running.push(sync);
    const line = await sync.waitForLine(REVOKED(), 120_000);
    expect(line).toMatch(/is revoked/);
    expect(sync.stderr.some((l) => / live /.test(l))).toBe(false);
    sync.child.kill('SIGTERM');
    await sync.exited;
  }, 180_000);

  it('`inrs sync --once` with no CRL of its own refuses the server once the server’s own CRL arrives in the welcome', async () => {
    const sync = spawnInrs(['sync', '--config', syncConfig('fetched', undefined), '--once']);
    running.push(sync);
    await sync.waitForLine(REVOKED(), 120_000);
    expect(sync.stderr.join('\n')).toMatch(/took \d+ newer CRL\(s\) from the server/);
    // Nothing of the region was applied: the welcome is the only frame acted on.
    expect(sync.stderr.some((l) => new RegExp(`\\[${REGION}\\] (live|catching-up)`).test(l))).toBe(false);
    sync.child.kill('SIGTERM');
    await sync.exited;
  }, 180_000);

  it('a link keeps refusing the server on every reconnect, with the reason in its state', async () => {
    const replica = net.replica();
    const states: LinkState[] = [];
    const link = new RegionLink({
      region: REGION,
      urls: [server.url],
      identity: net.clientIdentity('duty-officer', REGION),
      rootPem: net.rootPem,
      sink: directSink(replica),
      clientId: 'revocation-link',
      onState: (s) => states.push(s),
      random: () => 0,
    });
    link.start();
    try {
      await waitFor(() => states.filter((s) => s.status === 'refused').length >= 2, 'two refusals');
      expect(states.some((s) => s.status === 'live' || s.status === 'catching-up')).toBe(false);
      expect(link.current.reason).toMatch(/server certificate compromised-server .* is revoked/);
    } finally {
      await link.stop();
    }
  });

  it('a CRL signed by another PKI is not taken from a server; the region’s own is', () => {
    const other = join(net.dir, 'other-pki');
    initPki(other);
    issueCertificate(other, { kind: 'server', region: REGION, name: 'other', out: join(net.dir, 'other.p12') });
    const foreign = readFileSync(join(other, 'crl', `${REGION}.crl`), 'utf8');
    const own = readFileSync(join(net.pkiDir, 'crl', `${REGION}.crl`), 'utf8');
    const chain = net.identity(net.issue({ kind: 'server', region: REGION, name: 'chain-source' })).chainPem.map((pem) => new X509Certificate(pem));
    const crls = new ServerCrls(net.rootPem);
    expect(crls.accept([foreign], chain)).toBe(0);
    expect(crls.size).toBe(0);
    expect(crls.accept([foreign, own, own], chain)).toBe(1);
    expect(crls.size).toBe(1);
  });
});
