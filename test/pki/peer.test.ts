import type { PeerCertificate } from 'node:tls';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identityFromPeer } from '../../src/core/pki';
import { parseSubjectAltName } from '../../src/core/pki/peer';
import { scopeFromUris, scopeUris } from '../../src/core/pki/scope';
import { ROLES } from '../../src/shared/domain/events';

const peer = (subjectaltname: string | undefined, subject: Record<string, unknown> = { CN: 'op', OU: 'duty-officer', O: '110000' }) =>
  ({ subject, subjectaltname }) as unknown as PeerCertificate;

describe('identityFromPeer', () => {
  it('reads role, region and depot from URI names', () => {
    const san = 'DNS:localhost, IP Address:127.0.0.1, URI:urn:inrs:role:depot-operator, URI:urn:inrs:region:110000, URI:urn:inrs:depot:110100-D001';
    expect(identityFromPeer(peer(san, { CN: 'op', OU: 'depot-operator', O: '110000' }))).toEqual({
      subject: 'CN=op,OU=depot-operator,O=110000',
      name: 'op',
      role: 'depot-operator',
      region: '110000',
      depot: '110100-D001',
    });
  });

  it.each([
    ['no subjectAltName', undefined],
    ['no URIs', 'DNS:localhost'],
    ['no region', 'URI:urn:inrs:role:duty-officer'],
    ['unknown role', 'URI:urn:inrs:role:root, URI:urn:inrs:region:110000'],
    ['two roles', 'URI:urn:inrs:role:duty-officer, URI:urn:inrs:role:auditor, URI:urn:inrs:region:110000'],
    ['bad region', 'URI:urn:inrs:role:duty-officer, URI:urn:inrs:region:11000'],
    ['depot on another role', 'URI:urn:inrs:role:duty-officer, URI:urn:inrs:region:110000, URI:urn:inrs:depot:X'],
    ['garbled list', 'URI:urn:inrs:role:duty-officer,, ,URI'],
  ])('null when malformed: %s', (_, san) => {
    expect(identityFromPeer(peer(san))).toBeNull();
  });

  it('null when the subject contradicts the URIs or has no CN', () => {
    const san = 'URI:urn:inrs:role:duty-officer, URI:urn:inrs:region:110000';
    expect(identityFromPeer(peer(san))).not.toBeNull();
    expect(identityFromPeer(peer(san, { CN: 'op', OU: 'auditor', O: '110000' }))).toBeNull();
    expect(identityFromPeer(peer(san, { CN: 'op', OU: 'duty-officer', O: '120000' }))).toBeNull();
    expect(identityFromPeer(peer(san, { OU: 'duty-officer', O: '110000' }))).toBeNull();
    expect(identityFromPeer({} as PeerCertificate)).toBeNull();
  });

  it('parses Node’s quoted entries', () => {
    expect(parseSubjectAltName('DNS:a, URI:"urn:x,y", DNS:"q\\"z"')).toEqual([
      { type: 'DNS', value: 'a' },
      { type: 'URI', value: 'urn:x,y' },
      { type: 'DNS', value: 'q"z' },
    ]);
  });

  it('property: scope URIs round-trip through a subjectAltName string', () => {
    const scopes = fc.oneof(
      fc.record({ role: fc.constantFrom(...ROLES.filter((r) => r !== 'depot-operator' && r !== 'national-commander' && r !== 'ministry-analyst')), region: fc.stringMatching(/^\d{6}$/), depot: fc.constant(null) }),
      fc.record({ role: fc.constant('depot-operator' as const), region: fc.stringMatching(/^\d{6}$/), depot: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/) }),
      fc.record({ role: fc.constantFrom('national-commander' as const, 'ministry-analyst' as const), region: fc.constant('000000'), depot: fc.constant(null) }),
    );
    fc.assert(
      fc.property(scopes, fc.array(fc.constantFrom('DNS:localhost', 'IP Address:127.0.0.1', 'email:a@b')), (scope, others) => {
        const san = [...others, ...scopeUris(scope).map((u) => `URI:${u}`)].join(', ');
        const uris = parseSubjectAltName(san).filter((e) => e.type === 'URI').map((e) => e.value);
        expect(scopeFromUris(uris)).toEqual(scope);
      }),
    );
  });
});
