import { forge } from './forge';

/** The HMAC digests a PKCS#12 MacData may name, by OID. */
const MAC_DIGESTS: Record<string, () => forge.md.MessageDigest> = {
  '1.3.14.3.2.26': () => forge.md.sha1.create(),
  '2.16.840.1.101.3.4.2.1': () => forge.md.sha256.create(),
  '2.16.840.1.101.3.4.2.2': () => forge.md.sha384.create(),
  '2.16.840.1.101.3.4.2.3': () => forge.md.sha512.create(),
};

type Node = forge.asn1.Asn1;
const kids = (node: Node | undefined): Node[] => (node && Array.isArray(node.value) ? (node.value as Node[]) : []);
const bytes = (node: Node | undefined): string | null => (node && typeof node.value === 'string' ? node.value : null);

/** The octets of a (possibly constructed) OCTET STRING. */
function octets(node: Node | undefined): string | null {
  if (!node) return null;
  if (typeof node.value === 'string') return node.value;
  const parts = kids(node).map(octets);
  return parts.every((p) => p !== null) ? parts.join('') : null;
}

/**
 * Whether `passphrase` opens this PFX, decided by its own integrity MAC (RFC 7292 §4, appendix B
 * key derivation): `true` or `false`, or `null` when the file has no MAC this check can read (then
 * the parse that follows names what is wrong). Keeps "wrong passphrase" apart from "damaged file"
 * without reading the library's error text.
 */
export function p12MacVerifies(pfx: Node, passphrase: string): boolean | null {
  const [, authSafe, macData] = kids(pfx);
  const content = octets(kids(kids(authSafe)[1])[0]);
  const [digestInfo, saltNode, iterNode] = kids(macData);
  const [algorithm, digestNode] = kids(digestInfo);
  const oid = bytes(kids(algorithm)[0]);
  const expected = bytes(digestNode);
  const salt = bytes(saltNode);
  if (content === null || oid === null || expected === null || salt === null) return null;
  const create = MAC_DIGESTS[forge.asn1.derToOid(oid)];
  if (!create) return null;
  const iterations = iterNode ? forge.util.createBuffer(bytes(iterNode) ?? '').getInt((bytes(iterNode) ?? '').length * 8) : 1;
  const md = create();
  const key = forge.pkcs12.generateKey(passphrase, forge.util.createBuffer(salt), 3, iterations, md.digestLength, md);
  const hmac = forge.hmac.create();
  hmac.start(create(), key);
  hmac.update(content);
  return hmac.digest().getBytes() === expected;
}
