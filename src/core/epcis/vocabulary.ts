/**
 * How INRS names map onto EPCIS 2.0 / CBV 2.0: identifiers as URNs in the project's own
 * namespace (the same urn:inrs: scheme the PKI puts in certificates), units as UN/CEFACT
 * Recommendation 20 codes, and the event time zone of the reserve's depots (China, UTC+8).
 */
export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/epcis-context.jsonld';
/** Prefix of the project's extension fields (inrs:…), declared in each document's @context. */
export const INRS_NAMESPACE = 'urn:inrs:epcis:';
export const EVENT_TIME_ZONE_OFFSET = '+08:00';

const UOM: Readonly<Record<string, string>> = {
  t: 'TNE',
  kg: 'KGM',
  L: 'LTR',
  case: 'CS',
  box: 'BX',
  piece: 'H87',
  unit: 'H87',
  tent: 'H87',
  quilt: 'H87',
  bed: 'H87',
};

/** A category's unit as a UN/CEFACT code; anything counted one by one is a piece (H87). */
export function uomOf(unitEn: string | null): string {
  return (unitEn && UOM[unitEn]) || 'H87';
}

const part = (s: string) => encodeURIComponent(s);
export const depotUri = (code: string) => `urn:inrs:depot:${part(code)}`;
/** A lot is a class of objects (category + lot), counted with a quantity, like an LGTIN. */
export const lotClassUri = (category: string, lotId: string) => `urn:inrs:lot:${part(category)}:${part(lotId)}`;
export const instructionUri = (id: string) => `urn:inrs:instruction:${part(id)}`;
export const recipientUri = (name: string) => `urn:inrs:recipient:${part(name)}`;

/**
 * The event's content hash (what its chain link commits to) as the EPCIS eventID. It is the
 * project's own content hash of the recorded event, not the CBV event hash algorithm.
 */
export const eventIdOf = (contentId: string) => `ni:///sha-256;${contentId}?ver=inrs-content-1`;

/** Procurement orders are purchase orders in CBV terms; other instructions keep their kind. */
export function bizTransactionType(kind: string | null): string {
  return kind === 'procurement' ? 'po' : `inrs:${kind ?? 'instruction'}`;
}
