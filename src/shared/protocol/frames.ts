import { z } from 'zod';
import { adcodeSchema, eventDraftSchema, sealedEventSchema } from '../domain/events';
import { errorDetailsSchema, type ErrorDetails } from '../errors';
import { isPlainEventsFrame } from './events-frame';

/**
 * The wire protocol between a regional server and the app (docs/architecture.md §6): JSON text frames
 * over WSS with mutual TLS. Every frame is parsed by these schemas before anything of it is
 * used; a frame that fails, is too large or comes out of order is answered with an `error`
 * frame and nothing of it is applied.
 */
export const PROTOCOL_VERSION = 1;
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** Events per `events` frame. */
export const EVENTS_PER_FRAME = 1000;

const seq = z.number().int().nonnegative();
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const checkpointSchema = z.object({
  region: adcodeSchema,
  seq: z.number().int().positive(),
  hash: hex64,
  time: z.iso.datetime(),
  /** base64 RSA-SHA256 signature over checkpointSigningText(). */
  signature: z.string().min(1).max(2048),
  /** The signing server's certificate (PEM), checked against the national root and region. */
  signerCert: z.string().min(1).max(16_384),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

export function checkpointSigningText(c: Pick<Checkpoint, 'region' | 'seq' | 'hash' | 'time'>): string {
  return `inrs-checkpoint-v1\n${c.region}\n${c.seq}\n${c.hash}\n${c.time}`;
}

export const PROTOCOL_ERROR_CODES = [
  'malformed',
  'too-large',
  'out-of-order',
  'incompatible',
  'forbidden',
  'wrong-region',
  'ahead-of-server',
  'timeout',
] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

export const clientFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    protocol: z.number().int(),
    clientId: z.string().min(1).max(128),
    schema: z.number().int().nonnegative(),
    cursors: z.record(adcodeSchema, seq),
  }),
  z.object({ type: z.literal('ack'), region: adcodeSchema, seq }),
  // Two kinds of command, told apart by `kind`.
  z.discriminatedUnion('kind', [
    z.object({
      type: z.literal('command'),
      commandId: z.string().min(8).max(128),
      kind: z.literal('record-event'),
      /** A stock movement by a depot operator; the actor comes from the client certificate, never the frame. */
      draft: z.unknown(),
    }),
    z.object({
      type: z.literal('command'),
      commandId: z.string().min(8).max(128),
      kind: z.literal('signed'),
      /**
       * A signed command envelope (command-envelope.ts), checked by the server: left unparsed
       * here so a malformed one is refused and audited like any other command, not dropped as a frame.
       */
      envelope: z.unknown(),
    }),
  ]),
  z.object({ type: z.literal('ping'), t: z.number() }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** Tables a snapshot carries (the projected rows of one region). */
export const SNAPSHOT_TABLE_NAMES = [
  'regions',
  'categories',
  'lot_stock',
  'transfers',
  'depot_stock',
  'depots',
  'instructions',
  'lots',
  'province_stock',
  'instruction_usage',
  'alerts',
  'emergency_levels',
  'emergency_proposals',
  'registry_assets',
  'registry_steps',
  'registry_resources',
  'registry_meters',
  'registry_rules',
] as const;
export const SNAPSHOT_ROWS_PER_FRAME = 2000;
const cell = z.union([z.string(), z.number(), z.null()]);

export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    protocol: z.number().int(),
    serverId: z.string(),
    region: adcodeSchema,
    headSeq: seq,
    checkpoint: checkpointSchema.nullable(),
    /** The CRLs the server holds now (PEM); a client keeps those signed by a CA it trusts. */
    crls: z.array(z.string().max(256 * 1024)).max(256).optional(),
  }),
  z.object({
    type: z.literal('events'),
    region: adcodeSchema,
    fromSeq: z.number().int().positive(),
    events: z.array(sealedEventSchema).min(1).max(EVENTS_PER_FRAME),
  }),
  checkpointSchema.extend({ type: z.literal('checkpoint') }),
  // A client further behind than the server keeps gets the region's state pinned at `seq`
  // (begin, rows…, end), verified against the signed checkpoint at that seq, then the log.
  z.object({
    type: z.literal('snapshot-begin'),
    region: adcodeSchema,
    seq: z.number().int().positive(),
    hash: hex64,
    dataAsOf: z.string().nullable(),
    checkpoint: checkpointSchema,
  }),
  z.object({
    type: z.literal('snapshot-rows'),
    region: adcodeSchema,
    seq: z.number().int().positive(),
    table: z.enum(SNAPSHOT_TABLE_NAMES),
    rows: z.array(z.array(cell).max(32)).max(SNAPSHOT_ROWS_PER_FRAME),
  }),
  z.object({
    type: z.literal('snapshot-end'),
    region: adcodeSchema,
    seq: z.number().int().positive(),
    rows: z.number().int().nonnegative(),
    stateHash: hex64,
  }),
  z.object({
    type: z.literal('commandResult'),
    commandId: z.string(),
    status: z.enum(['accepted', 'refused']),
    /** A stable refusal code (COMMAND_REFUSAL_CODES); absent when accepted. */
    code: z.string().min(1).max(64).optional(),
    reason: z.string().nullable(),
    seq: z.number().int().positive().nullable(),
  }),
  z.object({ type: z.literal('pong'), t: z.number() }),
  // The one error shape (src/shared/errors.ts); `details` is optional so frames from older servers still parse.
  z.object({ type: z.literal('error'), code: z.enum(PROTOCOL_ERROR_CODES), message: z.string(), details: errorDetailsSchema.optional() }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

/** Drafts a client may submit: the actor is filled in by the server from the certificate. */
export const submittedDraftSchema = eventDraftSchema;

export type FrameParse<T> = { ok: true; frame: T } | { ok: false; code: ProtocolErrorCode; message: string; details?: ErrorDetails };

/** Parses one text frame: size limit, JSON, then schema; never throws. */
export function parseFrame<T>(schema: z.ZodType<T>, data: string | Uint8Array, maxBytes = MAX_FRAME_BYTES): FrameParse<T> {
  const size = typeof data === 'string' ? byteLength(data) : data.length;
  if (size > maxBytes) return { ok: false, code: 'too-large', message: `frame of ${size} bytes exceeds the ${maxBytes}-byte limit`, details: { bytes: size, limit: maxBytes } };
  let json: unknown;
  try {
    json = JSON.parse(typeof data === 'string' ? data : new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    return { ok: false, code: 'malformed', message: 'frame is not valid UTF-8 JSON' };
  }
  // The bulk of a catch-up: an events frame the schema would return unchanged is not rebuilt (events-frame.ts).
  if ((schema as z.ZodType) === serverFrameSchema && isPlainEventsFrame(json, EVENTS_PER_FRAME)) return { ok: true, frame: json as T };
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, code: 'malformed', message: z.prettifyError(parsed.error) };
  return { ok: true, frame: parsed.data };
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

export interface RegionSnapshot {
  region: string;
  seq: number;
  hash: string;
  dataAsOf: string | null;
  tables: Record<string, (string | number | null)[][]>;
  stateHash: string;
}
