import { createHash, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { revokeCertificate, spkiPin, trustStore, type Identity, type TrustStore } from '../../src/core/pki';
import { daysFromNow, makePki, useSharedDir, type TestPki } from './fixtures';
import { handshake } from './tls-probe';

const shared = useSharedDir();
let pki: TestPki;
let server: Identity;
const load = (p12: string) => pki.identity(p12);
/** Trust material as a server would load it now (after any revocation): a fresh export from the CA. */
const trust = (): TrustStore => trustStore(pki.exportTrust());

beforeAll(() => {
  pki = makePki(shared());
  server = load(pki.issue('server.p12', { kind: 'server', region: '420000', name: 'hb-sync-1' }));
});

describe('mutual TLS 1.3 with the PKI', () => {
  it('authorizes a valid client and reads its role, region and depot from the peer certificate', async () => {
    const client = load(pki.issue('operator.p12', { kind: 'client', region: '420000', role: 'depot-operator', depot: '420100-D002', name: 'operator-7' }));
    const r = await handshake(server, trust(), client);
    expect(r.protocol).toBe('TLSv1.3');
    expect(r.authorized).toBe(true);
    expect(r.authorizationError).toBeNull();
    expect(r.identity).toEqual({ subject: 'CN=operator-7,OU=depot-operator,O=420000', name: 'operator-7', role: 'depot-operator', region: '420000', depot: '420100-D002' });
  });

  it('reads a national identity issued under 000000, with a Chinese name', async () => {
    const client = load(pki.issue('analyst.p12', { kind: 'client', region: '000000', role: 'ministry-analyst', name: '分析员 王' }));
    const r = await handshake(server, trust(), client);
    expect(r.authorized).toBe(true);
    expect(r.identity).toEqual({ subject: 'CN=分析员 王,OU=ministry-analyst,O=000000', name: '分析员 王', role: 'ministry-analyst', region: '000000', depot: null });
  });

  it('lets the client verify the server and pin its SPKI as Node computes it', async () => {
    const client = load(pki.issue('pinner.p12', { kind: 'client', region: '420000', role: 'duty-officer', name: 'pinner' }));
    const r = await handshake(server, trust(), client);
    expect(r.serverAuthorized).toBe(true);
    const nodePin = createHash('sha256')
      .update(new X509Certificate(r.serverRaw).publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64');
    expect(spkiPin(server.certPem)).toBe(nodePin);
    expect(server.info.spkiPin).toBe(nodePin);
  });

  it('refuses a revoked client certificate: CERT_REVOKED', async () => {
    const p12 = pki.issue('revoked.p12', { kind: 'client', region: '420000', role: 'duty-officer', name: 'revoked' });
    const client = load(p12);
    expect((await handshake(server, trust(), client)).authorized).toBe(true);
    revokeCertificate(pki.dir, p12, { reason: 'keyCompromise' });
    const r = await handshake(server, trust(), client);
    expect(r.authorized).toBe(false);
    expect(r.authorizationError).toBe('CERT_REVOKED');
  });

  it('refuses an expired client certificate: CERT_HAS_EXPIRED', async () => {
    const client = load(pki.issue('expired.p12', { kind: 'client', region: '420000', role: 'auditor', name: 'expired', notBefore: daysFromNow(-3), notAfter: daysFromNow(-1) }));
    const r = await handshake(server, trust(), client);
    expect(r.authorized).toBe(false);
    expect(r.authorizationError).toBe('CERT_HAS_EXPIRED');
  });

  it('refuses a not-yet-valid client certificate: CERT_NOT_YET_VALID', async () => {
    const client = load(pki.issue('future.p12', { kind: 'client', region: '420000', role: 'auditor', name: 'future', notBefore: daysFromNow(1), days: 2 }));
    const r = await handshake(server, trust(), client);
    expect(r.authorized).toBe(false);
    expect(r.authorizationError).toBe('CERT_NOT_YET_VALID');
  });

  it('refuses a certificate from another root, though its names look the same', async () => {
    const other = makePki(shared(), 'other-pki');
    const stranger = other.identity(other.issue('stranger.p12', { kind: 'client', region: '420000', role: 'duty-officer', name: 'stranger' }));
    // Without CRLs the cause is plain: no trusted issuer for the stranger's intermediate.
    const noCrl = await handshake(server, { ca: trust().ca, crl: [], problems: [] }, stranger);
    expect(noCrl.authorized).toBe(false);
    expect(noCrl.authorizationError).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
    // With CRLs OpenSSL goes on to the revocation check and reports its last error instead.
    for (const chain of [stranger.chainPem.slice(0, 2), stranger.chainPem]) {
      const r = await handshake(server, trust(), stranger, chain);
      expect(r.authorized).toBe(false);
      expect(r.authorizationError).toMatch(/^(UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_CRL)$/);
    }
  });

  it('needs the intermediate from the client: the root alone cannot verify a bare leaf', async () => {
    const client = load(pki.issue('bare.p12', { kind: 'client', region: '420000', role: 'wall', name: 'wall-1' }));
    const bare = await handshake(server, trust(), client, [client.certPem]);
    expect(bare.authorizationError).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect((await handshake(server, trust(), client, client.chainPem)).authorized).toBe(true);
  });
});
