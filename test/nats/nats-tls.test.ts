import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJetStreamLog } from '../../src/core/regional/log/jetstream-log';
import { startRegionalServer } from '../../src/core/regional/regional-server';
import { CommandClient } from '../commands/support/command-client';
import { commandNet, REGION, type CommandNet } from '../commands/support/officers';
import { TestNetwork } from '../sync/network';
import { issueDraft } from '../sync/support/drafts';
import { describeWithNats, NATS_SERVER, startNatsCluster, type NatsTlsFiles } from './nats-cluster';

/*
 * The region's log on a NATS cluster that speaks only mutual TLS with the project's PKI: the
 * nodes present certificates issued by the national root and verify every client and route.
 */
const dir = mkdtempSync(join(tmpdir(), 'inrs-nats-tls-'));
let cluster: Awaited<ReturnType<typeof startNatsCluster>>;
let cn: CommandNet;
let foreign: TestNetwork;

beforeAll(async () => {
  if (!NATS_SERVER) return;
  cn = await commandNet();
  // The nodes' own certificate: a server certificate of the region (127.0.0.1 in its names).
  const node = cn.net.identity(cn.net.issue({ kind: 'server', region: REGION, name: 'nats-node' }));
  const files: NatsTlsFiles = {
    certFile: join(dir, 'node.crt'),
    keyFile: join(dir, 'node.key'),
    caFile: join(cn.net.trustDir, 'root.crt'),
    client: { ca: cn.net.rootPem, cert: node.chainPem.join('\n'), key: node.keyPem },
  };
  writeFileSync(files.certFile, node.chainPem.join('\n'));
  writeFileSync(files.keyFile, node.keyPem, { mode: 0o600 });
  cluster = await startNatsCluster(dir, 3, files);
  await cluster.ready();
  foreign = new TestNetwork();
}, 90_000);

afterAll(async () => {
  await cn?.net.close();
  await foreign?.close();
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describeWithNats('the region log over mutual TLS to NATS', () => {
  it('a server on tls:// presents its own identity, trusts the root, and takes commands', async () => {
    expect(cluster.url.startsWith('tls://')).toBe(true);
    const server = await cn.net.server(REGION, cn.net.seededStore(REGION), { logUrl: cluster.url });
    const client = await CommandClient.connect({ ...cn, server }, cn.operator);
    try {
      const draft = issueDraft(server.store.replica.db, REGION, { depot: cn.operatorDepot });
      const result = await client.command('tls-movement-0001', { type: 'command', commandId: 'tls-movement-0001', kind: 'record-event', draft });
      expect(result).toMatchObject({ status: 'accepted' });
    } finally {
      client.close();
    }
  }, 60_000);

  it('refuses a plain connection: without the root the nodes cannot be trusted', async () => {
    // Without the PKI's root the client cannot trust the nodes (they require TLS): refused.
    const plain = cluster.url.replace('tls://', 'nats://');
    await expect(openJetStreamLog({ url: plain, region: REGION, timeoutMs: 2_000 })).rejects.toThrow(/certificate|tls|TLS/);
  }, 20_000);

  it('refuses a certificate from another national root', async () => {
    const stranger = foreign.identity(foreign.issue({ kind: 'server', region: REGION, name: 'stranger' }));
    await expect(openJetStreamLog({ url: cluster.url, region: REGION, timeoutMs: 2_000, tls: { ca: cn.net.rootPem, cert: stranger.chainPem.join('\n'), key: stranger.keyPem } })).rejects.toThrow(/certificate/);
  }, 20_000);

  it('refuses a tls:// log without the material to present, and a server on plain nats://', async () => {
    const plain = cluster.url.replace('tls://', 'nats://');
    await expect(openJetStreamLog({ url: cluster.url, region: REGION })).rejects.toThrow(/needs the server's identity/);
    // The server process's own check: the same URL with its trust folder and identity starts.
    expect(readFileSync(join(cn.net.trustDir, 'root.crt'), 'utf8')).toContain('BEGIN CERTIFICATE');
    await expect(
      startRegionalServer({ region: REGION, dataDir: cn.net.seededStore(REGION), trustDir: cn.net.trustDir, identityFile: cn.net.issue({ kind: 'server', region: REGION, name: 'plain' }), port: 0, logUrl: plain, log: () => undefined }),
    ).rejects.toThrow();
  }, 20_000);
});
