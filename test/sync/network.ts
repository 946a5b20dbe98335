import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportTrust, initPki, issueCertificate, loadIdentityFile, revokeCertificate, type IssueOptions, type RevokeOptions } from '../../src/core/pki';
import { openRegionalStore } from '../../src/core/regional/regional-store';
import { startRegionalServer, type RegionalServer, type RegionalServerOptions } from '../../src/core/regional/regional-server';
import { createKeyFile, newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { seedInto } from '../../src/core/seed/seed-replica';
import type { SeedOptions } from '../../src/core/seed';
import type { LinkIdentity } from '../../src/core/sync/region-link';

/**
 * A loopback network for sync tests: a PKI, seeded regional servers and client replicas, all
 * real. The CA folder stays the CA's: servers run from the exported trust folder and their
 * identity with its own passphrase, re-exported after each issue and revocation as the CA
 * operator would carry it over.
 */
export class TestNetwork {
  readonly dir = mkdtempSync(join(tmpdir(), 'inrs-net-'));
  readonly pkiDir = join(this.dir, 'pki');
  readonly trustDir = join(this.dir, 'trust');
  readonly logs: string[] = [];
  readonly servers: RegionalServer[] = [];
  readonly replicas: Replica[] = [];
  private n = 0;

  constructor(readonly seed: SeedOptions = { scale: 'tiny', seed: 7, asOf: '2026-06-01T00:00:00.000Z' }) {
    initPki(this.pkiDir);
    exportTrust(this.pkiDir, this.trustDir);
  }

  get rootPem(): string {
    return readFileSync(join(this.trustDir, 'root.crt'), 'utf8');
  }

  issue(options: Omit<IssueOptions, 'out'>): string {
    const out = join(this.dir, `cert-${this.n++}.p12`);
    issueCertificate(this.pkiDir, { ...options, out });
    exportTrust(this.pkiDir, this.trustDir);
    return out;
  }

  /** Revokes on the CA and carries the new CRLs to the trust folder (servers re-read it on reloadTrust). */
  revoke(p12: string, options: RevokeOptions = {}): void {
    revokeCertificate(this.pkiDir, p12, options);
    exportTrust(this.pkiDir, this.trustDir);
  }

  identity(p12: string): LinkIdentity {
    return loadIdentityFile(p12);
  }

  clientIdentity(role = 'national-commander', region = '000000'): LinkIdentity {
    return this.identity(this.issue({ kind: 'client', region, role, name: `client-${this.n}` }));
  }

  /** A server data dir holding the national reference log and the region's seeded log. */
  seededStore(region: string): string {
    const dataDir = join(this.dir, `store-${region}-${this.n++}`);
    const store = openRegionalStore(dataDir, region);
    seedInto(store.replica, { ...this.seed, regions: ['000000', region] });
    store.close();
    return dataDir;
  }

  /** A server started with `extra.identityFile` uses that certificate; otherwise one is issued. */
  async server(region: string, dataDir: string, extra: Partial<RegionalServerOptions> = {}): Promise<RegionalServer> {
    const identityFile = extra.identityFile ?? this.issue({ kind: 'server', region, name: `server-${region}-${this.n}` });
    const server = await startRegionalServer({
      region,
      dataDir,
      trustDir: this.trustDir,
      identityFile,
      port: 0,
      checkpointEvery: 100,
      checkpointSeconds: 1,
      log: (line) => this.logs.push(line),
      ...extra,
    });
    this.servers.push(server);
    return server;
  }

  /** A client replica that holds the national reference log (as a seeded replica does). */
  replica(): Replica {
    const replica = openReplica(join(this.dir, `replica-${this.n++}.db`), newReplicaKey(), { create: true });
    seedInto(replica, { ...this.seed, regions: ['000000'] });
    this.replicas.push(replica);
    return replica;
  }

  /**
   * A closed replica file holding the national reference log, with its key file (0600), for
   * a client in another process (`inrs sync`).
   */
  replicaFile(): { file: string; keyFile: string; key: Buffer } {
    const file = join(this.dir, `replica-${this.n++}.db`);
    const keyFile = `${file}.key`;
    const key = createKeyFile(keyFile);
    const replica = openReplica(file, key, { create: true });
    seedInto(replica, { ...this.seed, regions: ['000000'] });
    replica.close();
    return { file, keyFile, key };
  }

  async close(): Promise<void> {
    for (const server of this.servers.splice(0)) await server.close().catch(() => undefined);
    for (const replica of this.replicas.splice(0)) {
      if (replica.db.open) replica.close();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
