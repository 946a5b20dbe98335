import { z } from 'zod';
import { adcodeSchema as adcode } from '../domain/adcode';

const count = z.number().int().nonnegative();
const kind = z.enum(['physical', 'capability', 'service']);

/** The registry wall: the pipeline per province and kind, and the assets waiting for verification. */
export const registryOverviewSchema = z.object({
  pipeline: z.array(
    z.object({ region: adcode, kind, registered: count, verified: count, failed: count, onboarded: count, suspended: count, withdrawn: count }),
  ),
  pending: z.array(z.object({ assetId: z.string(), region: adcode, assetRegion: adcode, kind, name: z.string(), owner: z.string(), registeredAt: z.string() })),
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

/** Channels of the civilian asset registry (merged into the contract's channel list). */
export const registryChannels = {
  /** One province's registry, or every province held (`null`). */
  'registry:overview': { request: z.object({ region: adcode.nullable() }), response: registryOverviewSchema },
} as const;
