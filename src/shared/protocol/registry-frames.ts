import { z } from 'zod';
import { METER_KINDS } from '../domain/registry';
import { clientFrameSchema } from './frames';

/**
 * The registry-only session (the contributor firewall): what a contributor's or a registry
 * verifier's connection may send besides hello and ping, and what it gets back. Such a
 * connection never receives the region's event stream, snapshots or checkpoints.
 */

const id = z.string().min(1).max(64);
const reason = z.string().trim().min(1).max(1000);
const hash = z.string().regex(/^[0-9a-f]{64}$/);

export const registryOpSchema = z.discriminatedUnion('op', [
  /** The asset file, validated by the server with the same rules as the CLI (parseAssetFile). */
  z.object({ op: z.literal('register'), asset: z.unknown() }),
  z.object({ op: z.literal('withdraw'), assetId: id, reason }),
  z.object({ op: z.literal('assets') }),
  z.object({ op: z.literal('asset'), assetId: id }),
  z.object({ op: z.literal('meters') }),
  z.object({ op: z.literal('ledger') }),
  z.object({ op: z.literal('instructions') }),
  z.object({ op: z.literal('verify'), assetId: id, passed: z.boolean(), reason, evidence: z.array(hash).max(50) }),
  z.object({ op: z.literal('onboard'), assetId: id, instructionId: id.optional() }),
  z.object({ op: z.literal('suspend'), assetId: id, reason }),
  z.object({ op: z.literal('meter'), assetId: id, recordId: id, kind: z.enum(METER_KINDS), amount: z.number().positive(), at: z.iso.datetime() }),
]);
export type RegistryOp = z.infer<typeof registryOpSchema>;
export type RegistryOpName = RegistryOp['op'];

export const registryRequestSchema = z.object({ type: z.literal('registry'), requestId: z.string().min(8).max(128), request: registryOpSchema });

/** Everything a registry-only session parses: the ordinary frames (refused there but hello and ping) and registry requests. */
export const registrySessionFrameSchema = z.union([registryRequestSchema, clientFrameSchema]);

export const registryServerFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('registry-welcome'), protocol: z.number().int(), serverId: z.string(), region: z.string(), role: z.string(), subject: z.string() }),
  z.object({
    type: z.literal('registry-result'),
    requestId: z.string(),
    status: z.enum(['accepted', 'refused']),
    code: z.string().nullable(),
    reason: z.string().nullable(),
    seq: z.number().int().nullable(),
    value: z.unknown(),
  }),
  /** A frame of the ordinary protocol the firewall refuses (an ack of the event stream). */
  z.object({ type: z.literal('registry-refused'), frame: z.string(), code: z.string(), reason: z.string() }),
]);
export type RegistryServerFrame = z.infer<typeof registryServerFrameSchema>;
