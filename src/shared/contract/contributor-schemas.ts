import { z } from 'zod';
import { adcodeSchema as adcode } from '../domain/adcode';
import { registryAnswerSchema } from './registry-schemas';

/**
 * A contributor's workstation: the app signed in with a contributor's certificate shows only the
 * contributor's own assets, read and changed over its registry-only session to the regional server.
 */
export const contributorInfoSchema = z.object({ subject: z.string(), name: z.string(), region: adcode, server: z.string() });
export type ContributorInfo = z.output<typeof contributorInfoSchema>;

export const ownAssetSchema = z.object({
  assetId: z.string(),
  region: adcode,
  kind: z.enum(['physical', 'capability', 'service']),
  name: z.string(),
  state: z.string(),
  registeredAt: z.string(),
  verifiedAt: z.string().nullable(),
  /** Contribution units credited to the asset under the published rule versions. */
  balance: z.number(),
});
export type OwnAsset = z.output<typeof ownAssetSchema>;

/** An instruction addressed to the contributor as the holder of civilian stock or of a transport unit called on. */
export const holderInstructionSchema = z.object({
  id: z.string(),
  kind: z.string(),
  issuer: z.string(),
  issuedAt: z.string(),
  acknowledgedBy: z.string().nullable(),
  lines: z.array(z.object({ category: z.string(), quantity: z.number(), fromCivilian: z.string().optional(), fromDepot: z.string().optional(), toRegion: z.string().optional(), toDepot: z.string().optional() })),
  /** A call on the contributor's transport unit: the unit, the tonnes asked and over how many days. */
  transport: z.object({ unit: z.string(), tonnes: z.number(), days: z.number() }).optional(),
});
export type HolderInstruction = z.output<typeof holderInstructionSchema>;

const assetId = z.string().min(1).max(64);

export const contributorChannels = {
  /** The contributor's own assets with their state and contribution balance, as its server holds them. */
  'contributor:assets': { request: z.void(), response: z.object({ assets: z.array(ownAssetSchema) }) },
  /** The instructions addressed to the contributor (civilian stock it holds called on), newest first. */
  'contributor:instructions': { request: z.void(), response: z.object({ instructions: z.array(holderInstructionSchema) }) },
  /** Registers an asset from the text of an asset file (README "Civilian asset registry"), checked here first. */
  'contributor:register': {
    request: z.object({ text: z.string().min(1).max(65_536) }),
    response: registryAnswerSchema.extend({ assetId: z.string().nullable() }),
  },
  'contributor:withdraw': {
    request: z.object({ assetId, reason: z.string().trim().min(1, 'a reason is required').max(1000) }),
    response: registryAnswerSchema,
  },
} as const;
