import { z } from 'zod';
import { EMERGENCY_LEVELS } from '../domain/emergency';
import { ROLES } from '../domain/events';

/**
 * Schemas of emergency mode between the renderer and the app host: who this workstation signs
 * as, each region's level and its proposals (from the replica), and the officer's commands.
 * The host signs every command with the link identity's key; the renderer never sees a key.
 */
const adcode = z.string().regex(/^\d{6}$/, 'adcode must be 6 digits');
const level = z.enum(EMERGENCY_LEVELS);
const text = (max: number) => z.string().trim().min(1).max(max);
const proposalId = text(128);

/** The identity of the host's link certificate: what the UI mirrors of the role matrix. */
export const officerIdentitySchema = z.object({
  /** `CN=…,OU=role,O=region`, the form the server records as actor and proposer. */
  subject: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  region: adcode,
  depot: z.string().nullable(),
});

export const regionLevelSchema = z.object({
  region: adcode,
  level,
  plan: z.string().nullable(),
  reason: z.string().nullable(),
  since: z.string(),
  /** Subjects of the officers whose signatures set the level (one, or two for I/II). */
  activatedBy: z.array(z.string()),
  /** Level I set by one national commander alone, until a second officer countersigns. */
  breakGlass: z.boolean(),
  countersignedBy: z.string().nullable(),
});

export const PROPOSAL_STATUSES = ['pending', 'confirmed', 'cancelled', 'expired'] as const;

export const proposalSchema = z.object({
  /** The commandId of the proposing envelope. */
  id: z.string(),
  region: adcode,
  fromLevel: level,
  toLevel: level,
  plan: z.string(),
  reason: z.string(),
  proposer: z.string(),
  proposedAt: z.string(),
  /** The co-signature must arrive before this time. */
  cosignBy: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
});

export const emergencyStateSchema = z.object({
  /** Regions not at level normal (a region with no row is normal). */
  levels: z.array(regionLevelSchema),
  /** Pending proposals, then the most recent closed ones. */
  proposals: z.array(proposalSchema),
  /** The host's clock when the state was read (ISO), for countdowns. */
  now: z.string(),
});

export const proposeRequestSchema = z.object({ region: adcode, expectedLevel: level, toLevel: level, plan: text(200), reason: text(500) });
export const cosignRequestSchema = z.object({ region: adcode, expectedLevel: level, proposalId });
export const cancelRequestSchema = z.object({ region: adcode, proposalId, reason: text(500) });
export const breakGlassRequestSchema = z.object({ region: adcode, expectedLevel: level, plan: text(200), reason: text(500) });
export const countersignRequestSchema = z.object({ region: adcode });

/** A regional server's answer to a signed command; a refusal is a normal answer, with the server's reason. */
export const commandAnswerSchema = z.object({
  commandId: z.string(),
  status: z.enum(['accepted', 'refused']),
  /** The server's refusal code (e.g. stale-level, same-officer); null when accepted. */
  code: z.string().nullable(),
  reason: z.string().nullable(),
  seq: z.number().int().positive().nullable(),
});

export type OfficerIdentity = z.output<typeof officerIdentitySchema>;
export type RegionLevel = z.output<typeof regionLevelSchema>;
export type Proposal = z.output<typeof proposalSchema>;
export type ProposalStatus = Proposal['status'];
export type EmergencyState = z.output<typeof emergencyStateSchema>;
export type CommandAnswer = z.output<typeof commandAnswerSchema>;
