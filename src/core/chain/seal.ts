import { hash } from 'node:crypto';
import { canonicalJson, chainLinkText, eventContentText } from '../../shared/domain/canonical';
import { GENESIS_HASH, type EventDraft, type SealedEvent } from '../../shared/domain/events';

export interface ChainHead {
  seq: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** One-shot: about half the cost of a Hash object, twice for every event applied. */
function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** Content hash of a draft; pass the payload's canonical text when it is already at hand. */
export function contentId(draft: EventDraft, payloadText = canonicalJson(draft.payload)): string {
  return sha256Hex(eventContentText(draft, payloadText));
}

export function linkHash(link: { prevHash: string; seq: number; recordTime: string; id: string }): string {
  return sha256Hex(chainLinkText(link));
}

/** Places a draft at the end of a region's log: next seq, content id, chain hash. */
export function sealEvent(draft: EventDraft, head: ChainHead, recordTime: string): SealedEvent {
  const seq = head.seq + 1;
  const id = contentId(draft);
  const hash = linkHash({ prevHash: head.hash, seq, recordTime, id });
  return { ...draft, seq, id, recordTime, prevHash: head.hash, hash };
}

/**
 * Checks that `event` follows `head` and that its id and hash are what its content says.
 * Returns the reason it does not, or null.
 */
export function chainBreak(event: SealedEvent, head: ChainHead, payloadText = canonicalJson(event.payload)): string | null {
  if (event.seq !== head.seq + 1) return `expected seq ${head.seq + 1}, got ${event.seq}`;
  if (event.prevHash !== head.hash) return `prevHash does not match the hash of seq ${head.seq}`;
  if (contentId(event, payloadText) !== event.id) return `content does not match its id`;
  if (linkHash(event) !== event.hash) return `hash does not match its link`;
  return null;
}

/** One value over every region's head, in region order: replicas that agree share it. */
export function combinedHead(heads: { region: string; hash: string }[]): string {
  const sorted = [...heads].sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
  return sha256Hex(sorted.map((h) => `${h.region}:${h.hash}`).join('\n'));
}
