import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initPki, issueCertificate, loadIdentityFile } from '../../src/core/pki';
import type { RegionalServer } from '../../src/core/regional/regional-server';
import type { LinkIdentity } from '../../src/core/sync/region-link';
import { TestNetwork } from '../sync/network';
import { RawClient } from '../sync/support/raw-client';
import { waitFor } from '../sync/support/wait';

/*
 * A client of another PKI is refused as a foreign CA (not as a missing CRL), and its attempts
 * do not make the server reload its trust files; a national commander whose intermediate was
 * created after the server started still gets in once the server has read the new files.
 */
const REGION = '430000';
let net: TestNetwork;
let server: RegionalServer;
let stranger: LinkIdentity;
const clients: RawClient[] = [];

beforeAll(async () => {
  net = new TestNetwork();
  const serverP12 = net.issue({ kind: 'server', region: REGION, name: 'foreign-ca-server' });
  const otherPki = join(net.dir, 'other-pki');
  initPki(otherPki);
  const strangerP12 = join(net.dir, 'stranger.p12');
  issueCertificate(otherPki, { kind: 'client', region: REGION, role: 'duty-officer', name: 'stranger', out: strangerP12 });
  stranger = loadIdentityFile(strangerP12);
  server = await net.server(REGION, net.seededStore(REGION), { identityFile: serverP12 });
});

afterAll(async () => {
  for (const client of clients) client.terminate();
  await net?.close();
});

async function attempt(identity: LinkIdentity): Promise<RawClient> {
  const client = new RawClient(server.url, { rootPem: net.rootPem, identity });
  clients.push(client);
  await client.open().catch(() => undefined);
  return client;
}

describe('foreign CA', () => {
  it('is named as such, and repeated attempts reload nothing', async () => {
    const from = net.logs.length;
    for (let i = 0; i < 3; i++) {
      await attempt(stranger);
      // Spaced past the old 2-second reload guard, so each attempt would have reloaded before.
      await new Promise((resolve) => setTimeout(resolve, 2_100));
    }
    const lines = net.logs.slice(from);
    const refusals = lines.filter((l) => l.startsWith('refused connection from 127.0.0.1: client certificate refused: '));
    expect(refusals.length).toBe(3);
    for (const line of refusals) expect(line).toMatch(/client certificate refused: foreign CA \(issuer .* does not lead to this server's national root\)$/);
    expect(lines.filter((l) => l.includes('reloading the CRLs'))).toEqual([]);
  }, 30_000);

  it('a new intermediate of our own root: the changed trust files are read and the client gets in', async () => {
    const commander = net.clientIdentity('national-commander', '000000');
    await attempt(commander);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await waitFor(async () => {
      const client = await attempt(commander);
      return client.opened;
    }, 'the national commander to be accepted', 15_000);
    expect(net.logs.some((l) => l === 'trust files changed since they were loaded: reloading the CRLs')).toBe(true);
  }, 30_000);
});
