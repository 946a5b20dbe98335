import type { Role } from '../../shared/domain/events';
import type { CommandRefusalCode } from '../../shared/protocol/command-codes';

/** What the server answers a command: accepted at a seq of the region's log, or refused with a code. */
export type CommandOutcome = { status: 'accepted'; seq: number } | { status: 'refused'; code: CommandRefusalCode; reason: string };
export type Refused = Extract<CommandOutcome, { status: 'refused' }>;

export const refused = (code: CommandRefusalCode, reason: string): Refused => ({ status: 'refused', code, reason });

/** Who signed an envelope, as its verified certificate says (the form of a TLS peer's identity). */
export interface SignerIdentity {
  subject: string;
  name: string;
  role: Role;
  region: string;
  depot: string | null;
}
