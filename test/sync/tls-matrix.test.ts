import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initPki, issueCertificate, loadIdentityFile, spkiPin } from '../../src/core/pki';
import type { RegionalServer } from '../../src/core/regional/regional-server';
import type { Replica } from '../../src/core/replica/replica';
import { regionStateHash } from '../../src/core/replica/state-hash';
import { directSink } from '../../src/core/sync/direct-sink';
import { RegionLink, type LinkIdentity } from '../../src/core/sync/region-link';
import type { LinkState } from '../../src/shared/contract/sync-schemas';
import { TestNetwork } from './network';
import { RawClient } from './support/raw-client';
import { waitFor } from './support/wait';

/*
 * Who may open a session with a regional server (docs/architecture.md §6, §7), over real mutual TLS on
 * 127.0.0.1: each refusal happens on the side that can tell, and is logged with its reason.
 */
const REGION = '430000';
const DAY = 24 * 3600 * 1000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY);

let net: TestNetwork;
let server: RegionalServer;
let serverPin: string;
let scratch: Replica;
const id: Record<string, LinkIdentity> = {};
let revokedP12: string;

beforeAll(async () => {
  net = new TestNetwork();
  const serverP12 = net.issue({ kind: 'server', region: REGION, name: 'tls-matrix-server' });
  serverPin = spkiPin(net.identity(serverP12).chainPem[0] as string);
  // Every client identity exists before the server starts, so its CRL set covers each region.
  const client = (name: string, extra: { role?: string; region?: string; notBefore?: Date; notAfter?: Date; depot?: string } = {}) =>
    net.issue({ kind: 'client', region: extra.region ?? REGION, role: extra.role ?? 'duty-officer', name, ...extra });
  id.good = net.identity(client('good-officer'));
  id.national = net.identity(client('commander', { role: 'national-commander', region: '000000' }));
  id.expired = net.identity(client('expired-officer', { notBefore: daysFromNow(-10), notAfter: daysFromNow(-1) }));
  id.future = net.identity(client('future-officer', { notBefore: daysFromNow(1), notAfter: daysFromNow(8) }));
  revokedP12 = client('revoked-officer');
  id.revoked = net.identity(revokedP12);
  id.beijing = net.identity(client('beijing-officer', { region: '110000' }));
  id.contributor = net.identity(client('civilian-contributor', { role: 'contributor' }));
  id.pinner = net.identity(client('pinning-officer'));

  const otherPki = join(net.dir, 'other-pki');
  initPki(otherPki);
  const strangerP12 = join(net.dir, 'stranger.p12');
  issueCertificate(otherPki, { kind: 'client', region: REGION, role: 'duty-officer', name: 'stranger', out: strangerP12 });
  id.stranger = loadIdentityFile(strangerP12);

  server = await net.server(REGION, net.seededStore(REGION), { identityFile: serverP12, crlReloadSeconds: 1 });
  scratch = net.replica();
});

afterAll(async () => net?.close());

/** Log lines the server wrote since `from`. */
const logsSince = (from: number) => net.logs.slice(from);

/**
 * One real link attempt: the link connects, then stops after its first outcome (live, or an
 * error). Returns every state it reported and the server's log lines meanwhile.
 */
async function attempt(identity: LinkIdentity, options: { pins?: string[]; replica?: Replica } = {}) {
  const from = net.logs.length;
  const states: LinkState[] = [];
  const replica = options.replica ?? scratch;
  const link = new RegionLink({
    region: REGION,
    urls: [server.url],
    pins: options.pins ?? [serverPin],
    identity,
    rootPem: net.rootPem,
    sink: directSink(replica),
    clientId: 'tls-matrix',
    onState: (s) => states.push(s),
  });
  link.start();
  try {
    await waitFor(() => states.some((s) => s.status === 'live' || s.reason !== null), 'the link to go live or fail', 15_000);
  } finally {
    await link.stop();
  }
  const last = states.at(-1) as LinkState;
  return { states, last, logs: logsSince(from), live: states.some((s) => s.status === 'live') };
}

/** The server's refusal line for this attempt: it names the peer's address and the reason. */
async function serverRefusal(from: number, pattern: RegExp): Promise<string> {
  await waitFor(() => logsSince(from).some((l) => pattern.test(l)), `a server log line matching ${pattern}`, 10_000);
  return logsSince(from).find((l) => pattern.test(l)) as string;
}

const opened = (subject: string) => net.logs.some((l) => l.startsWith(`session opened: ${subject}`));

describe('mutual TLS: who may sync with a regional server', () => {
  it('positive control: a duty officer of the region and a national commander sync to the server state', async () => {
    const replica = net.replica();
    const officer = await attempt(id.good as LinkIdentity, { replica });
    expect(officer.live).toBe(true);
    expect(officer.last.reason).toBeNull();
    expect(regionStateHash(replica.db, REGION)).toBe(server.store.stateHash());
    expect(opened('CN=good-officer,OU=duty-officer,O=430000 (duty-officer)')).toBe(true);

    const commander = await attempt(id.national as LinkIdentity, { replica: net.replica() });
    expect(commander.live).toBe(true);
    expect(opened('CN=commander,OU=national-commander,O=000000 (national-commander)')).toBe(true);
  });

  it('refuses a client without a certificate, server side: "no client certificate"', async () => {
    const from = net.logs.length;
    const raw = new RawClient(server.url, { rootPem: net.rootPem });
    await expect(raw.open()).rejects.toThrow(/403|socket hang up|ECONNRESET|closed before open/);
    expect(await serverRefusal(from, /^refused connection from 127\.0\.0\.1: no client certificate$/)).toBeTruthy();
    expect(raw.frames).toEqual([]);
  });

  const refusedByServer: [string, string, RegExp][] = [
    ['another root', 'stranger', /refused connection from 127\.0\.0\.1: client certificate refused: foreign CA \(issuer .* does not lead to this server's national root\)$/],
    ['an expired certificate', 'expired', /refused connection from 127\.0\.0\.1: client certificate refused: CERT_HAS_EXPIRED$/],
    ['a not-yet-valid certificate', 'future', /refused connection from 127\.0\.0\.1: client certificate refused: CERT_NOT_YET_VALID$/],
    ['another region (a Beijing duty officer at the Hunan server)', 'beijing', /refused connection from 127\.0\.0\.1: certificate of region 110000 refused by the server of 430000$/],
  ];
  it.each(refusedByServer)('refuses %s, server side, with the reason logged', async (_what, who, reason) => {
    const from = net.logs.length;
    const result = await attempt(id[who] as LinkIdentity);
    await serverRefusal(from, reason);
    // The client is told why (403 with the server's reason) and gets nothing else: no welcome, no events.
    expect(result.live).toBe(false);
    expect(result.last.headSeq).toBeNull();
    expect(result.last.status).toBe('refused');
    const serverLine = logsSince(from).find((l) => reason.test(l)) ?? '';
    expect(result.last.reason).toContain(`server refused the connection: 403 refused: ${serverLine.replace(/^refused connection from 127\.0\.0\.1: /, '')}`);
    expect(logsSince(from).filter((l) => l.startsWith('session opened'))).toEqual([]);
  });

  it('confines a contributor to a registry-only session: the link is told so and its replica gets no event', async () => {
    const replica = net.replica();
    const head = replica.db.prepare<[string], number>('SELECT count(*) FROM events WHERE region = ?').pluck().get(REGION);
    const result = await attempt(id.contributor as LinkIdentity, { replica });
    expect(result.live).toBe(false);
    expect(result.last).toMatchObject({ status: 'refused', reason: 'server gave a registry-only session: a contributor certificate receives no event stream' });
    expect(replica.db.prepare<[string], number>('SELECT count(*) FROM events WHERE region = ?').pluck().get(REGION)).toBe(head);
    expect(opened('CN=civilian-contributor,OU=contributor,O=430000 (contributor)')).toBe(true);
  });

  it('refuses a revoked certificate once the server has reloaded its CRLs: CERT_REVOKED', async () => {
    // Accepted while valid…
    const before = await attempt(id.revoked as LinkIdentity, { replica: net.replica() });
    expect(before.live).toBe(true);
    net.revoke(revokedP12, { reason: 'keyCompromise' });
    // …refused once the server re-reads the CRLs (every second here): bounded retries until then.
    const from = net.logs.length;
    const pattern = /refused connection from 127\.0\.0\.1: client certificate refused: CERT_REVOKED$/;
    let tries = 0;
    await waitFor(
      async () => {
        tries++;
        const raw = new RawClient(server.url, { rootPem: net.rootPem, identity: id.revoked as LinkIdentity });
        await raw.open().catch(() => undefined);
        raw.terminate();
        await raw.closed;
        return logsSince(from).some((l) => pattern.test(l));
      },
      'the revoked certificate to be refused',
      10_000,
      100,
    );
    expect(tries).toBeLessThanOrEqual(40);
    const after = await attempt(id.revoked as LinkIdentity);
    expect(after.live).toBe(false);
    expect(after.logs.some((l) => pattern.test(l))).toBe(true);
  });

  it('refuses a TLS 1.2-only client during the handshake, logged as a handshake refusal', async () => {
    const from = net.logs.length;
    const raw = new RawClient(server.url, { rootPem: net.rootPem, identity: id.good as LinkIdentity, maxVersion: 'TLSv1.2' });
    await expect(raw.open()).rejects.toThrow(/protocol version|unsupported protocol|alert/i);
    const line = await serverRefusal(from, /^refused handshake from 127\.0\.0\.1: /);
    expect(line).toMatch(/unsupported protocol|version/i);
  });

  it('the client refuses a server whose key is not the pinned one: state refused, reason names the pin', async () => {
    const from = net.logs.length;
    const wrongPin = Buffer.alloc(32, 7).toString('base64');
    expect(wrongPin).not.toBe(serverPin);
    const result = await attempt(id.pinner as LinkIdentity, { pins: [wrongPin] });
    expect(result.last.status).toBe('refused');
    expect(result.last.reason).toMatch(/server key does not match the pinned SPKI for 127\.0\.0\.1/);
    expect(result.live).toBe(false);
    expect(logsSince(from).some((l) => l.startsWith('session opened: CN=pinning-officer'))).toBe(false);
    // The right pin is accepted: the refusal was the pin's, not the certificate's.
    expect((await attempt(id.pinner as LinkIdentity, { pins: [wrongPin, serverPin], replica: net.replica() })).live).toBe(true);
  });
});
