import { z } from 'zod';
import { adcodeSchema as adcode } from '../domain/adcode';
import { METER_KINDS } from '../domain/registry';

const count = z.number().int().nonnegative();
const kind = z.enum(['physical', 'capability', 'service']);

/** The registry wall: the pipeline per province and kind, and the assets waiting for verification. */
export const registryOverviewSchema = z.object({
  pipeline: z.array(
    z.object({ region: adcode, kind, registered: count, verified: count, failed: count, onboarded: count, suspended: count, withdrawn: count }),
  ),
  /** Registered assets waiting for inspection, then verified ones waiting to be onboarded. */
  pending: z.array(
    z.object({ assetId: z.string(), region: adcode, assetRegion: adcode, kind, name: z.string(), owner: z.string(), state: z.enum(['registered', 'verified']), registeredAt: z.string() }),
  ),
  resources: z.array(
    z.object({
      resourceId: z.string(),
      assetId: z.string(),
      region: adcode,
      kind: z.enum(['lot', 'unit', 'service']),
      what: z.string(),
      amount: z.number().nullable(),
      unit: z.string().nullable(),
      lon: z.number(),
      lat: z.number(),
      name: z.string(),
    }),
  ),
});
export type RegistryOverview = z.output<typeof registryOverviewSchema>;

/** The registry verifier this workstation acts as (its certificate), or null when it holds none. */
export const registryVerifierSchema = z.object({ subject: z.string(), name: z.string(), region: adcode }).nullable();
export type RegistryVerifier = z.output<typeof registryVerifierSchema>;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'evidence is named by SHA-256 content hashes (64 lowercase hex digits)');
const assetId = z.string().min(1).max(64);
const reason = z.string().trim().min(1, 'a reason is required').max(1000);

/** The regional server's answer to a lifecycle step: accepted with its seq, or refused with a code and reason. */
export const registryAnswerSchema = z.object({
  status: z.enum(['accepted', 'refused']),
  code: z.string().nullable(),
  reason: z.string().nullable(),
  seq: z.number().int().positive().nullable(),
});
export type RegistryAnswer = z.output<typeof registryAnswerSchema>;

/** Channels of the civilian asset registry (merged into the contract's channel list). */
export const registryChannels = {
  /** One province's registry, or every province held (`null`). */
  'registry:overview': { request: z.object({ region: adcode.nullable() }), response: registryOverviewSchema },
  'registry:verifier': { request: z.void(), response: registryVerifierSchema },
  /** The on-site inspection's result, sent over the verifier's registry session to the asset's regional server. */
  'registry:verify': {
    request: z.object({ region: adcode, assetId, passed: z.boolean(), reason, evidence: z.array(sha256).max(50) }),
    response: registryAnswerSchema,
  },
  /** A verified asset becomes a reserve resource. */
  'registry:onboard': { request: z.object({ region: adcode, assetId }), response: registryAnswerSchema },
  /** An onboarded asset taken out of service for now (the reason recorded). */
  'registry:suspend': { request: z.object({ region: adcode, assetId, reason }), response: registryAnswerSchema },
  /** A usage record of an onboarded asset in its meter kind; the host names the record and dates it now. */
  'registry:meter': {
    request: z.object({ region: adcode, assetId, kind: z.enum(METER_KINDS), amount: z.number().positive().max(1e9) }),
    response: registryAnswerSchema,
  },
} as const;
