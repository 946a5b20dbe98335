import { X509Certificate } from 'node:crypto';
import { canonicalJson } from '../../shared/domain/canonical';
import { signedEnvelopeSchema } from '../../shared/protocol/command-envelope';
import { registryRulesPublishedSchema } from '../../shared/domain/registry';
import { verifySignature, verifySigner } from '../commands/verify-envelope';
import { certInfo } from '../pki/cert-info';
import type { RevocationList } from '../pki/revocation-list';
import type { Db } from '../replica/open';

/**
 * The contribution rule versions on the log, each re-verified as the national hub's own: the
 * envelope kept in the event must carry a valid signature by a national commander over exactly
 * the rules the event states. With the national root the signer's chain is checked too (at the
 * time it signed; revocation is the server's check when it accepted the command).
 */
export interface VerifiedRule {
  region: string;
  seq: number;
  version: string;
  effectiveFrom: string;
  signer: string;
  signedAt: string;
  chainChecked: boolean;
}

export class RuleSignatureError extends Error {}

const NO_REVOCATION_CHECK: RevocationList = { isRevoked: () => false, check: () => ({ status: 'good' }) as never, size: 0 };

export function verifyPublishedRules(db: Db, options: { region?: string; root?: X509Certificate } = {}): VerifiedRule[] {
  const rows = db
    .prepare<[string | null, string | null], { region: string; seq: number; payload: string }>(
      "SELECT region, seq, payload FROM events WHERE type = 'registry.rules-published' AND (? IS NULL OR region = ?) ORDER BY region, seq",
    )
    .all(options.region ?? null, options.region ?? null);
  return rows.map((row) => {
    const where = `rule event ${row.region}/${row.seq}`;
    const payload = JSON.parse(row.payload) as { envelope?: unknown };
    const envelope = signedEnvelopeSchema.safeParse(payload.envelope);
    if (!envelope.success) throw new RuleSignatureError(`${where} carries no readable signed envelope`);
    const { envelope: _kept, ...stated } = payload;
    const rules = registryRulesPublishedSchema.safeParse(stated);
    if (!rules.success) throw new RuleSignatureError(`${where} states no valid rule set`);
    const body = envelope.data.body;
    if (body.kind !== 'registry.publish-rules' || canonicalJson(body.rules) !== canonicalJson(rules.data)) {
      throw new RuleSignatureError(`${where} (version ${rules.data.version}) states rules that differ from what its envelope signed`);
    }
    const leafPem = envelope.data.signerCert.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
    if (!leafPem) throw new RuleSignatureError(`${where} carries no signer certificate`);
    let leaf = new X509Certificate(leafPem);
    const info = certInfo(leafPem);
    const signer = `CN=${info.name ?? '?'},OU=${info.role ?? '?'},O=${info.region ?? '?'}`;
    if (options.root) {
      const verified = verifySigner(envelope.data, { root: options.root, revocation: NO_REVOCATION_CHECK }, Date.parse(envelope.data.issuedAt));
      if ('status' in verified) throw new RuleSignatureError(`${where} (version ${rules.data.version}): ${verified.reason}`);
      leaf = verified.leaf;
    }
    if (info.role !== 'national-commander' || info.region !== '000000') throw new RuleSignatureError(`${where} is signed by ${signer}, not by the national hub`);
    if (verifySignature(envelope.data, leaf)) throw new RuleSignatureError(`${where} (version ${rules.data.version}): the national hub's signature does not verify`);
    return { region: row.region, seq: row.seq, version: rules.data.version, effectiveFrom: rules.data.effectiveFrom, signer, signedAt: envelope.data.issuedAt, chainChecked: options.root !== undefined };
  });
}
