import { z } from 'zod';

/**
 * Schemas of traceability answers: a lot's whole life, or everything one instruction moved,
 * each event with who, when, where, under which instruction, and whether its hash holds.
 */
const adcode = z.string().regex(/^\d{6}$/);
const id = z.string().min(1).max(64);

export const traceLotRequestSchema = z.object({ lotId: id });
export const traceInstructionRequestSchema = z.object({ id });
/** A lot id (or its prefix), a depot code or a category code. */
export const traceSearchRequestSchema = z.object({
  query: z.string().trim().min(1).max(64),
  limit: z.number().int().min(1).max(200).default(50),
});

export const lotSummarySchema = z.object({
  lotId: z.string(),
  region: adcode,
  category: z.string(),
  intakeDepot: z.string(),
  quantityIn: z.number(),
  onHand: z.number(),
  expiryDate: z.string(),
});

export const traceEventSchema = z.object({
  region: adcode,
  seq: z.number().int().positive(),
  /** Content hash of the event. */
  id: z.string(),
  type: z.string(),
  eventTime: z.string(),
  recordTime: z.string(),
  actor: z.object({ subject: z.string(), role: z.string() }),
  instructionId: z.string().nullable(),
  /** Where it happened (EPCIS bizLocation): the depot whose stock it concerns. */
  depot: z.string().nullable(),
  fromDepot: z.string().nullable(),
  toDepot: z.string().nullable(),
  lotId: z.string().nullable(),
  quantity: z.number().nullable(),
  /** Stock changes it made, per lot and depot. */
  deltas: z.array(z.object({ lotId: z.string(), depot: z.string(), delta: z.number().int() })),
  payload: z.record(z.string(), z.unknown()),
  hash: z.string(),
  /** This event's own id and link re-derived, and its link to the stored event before it. */
  chain: z.enum(['ok', 'broken']),
  chainNote: z.string().nullable(),
});

export const alertRecordSchema = z.object({
  id: z.string(),
  kind: z.string(),
  severity: z.string(),
  region: adcode,
  depot: z.string().nullable(),
  lot: z.string().nullable(),
  seq: z.number().int(),
  raisedAt: z.string(),
  clearedAt: z.string().nullable(),
  clearedBySeq: z.number().int().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

const chainSummarySchema = z.object({ ok: z.boolean(), broken: z.number().int().nonnegative() });

export const lotTraceSchema = z.object({
  lot: z.object({
    lotId: z.string(),
    region: adcode,
    category: z.string(),
    unit: z.string().nullable(),
    intakeDepot: z.string(),
    quantityIn: z.number(),
    onHand: z.number(),
    inTransit: z.number(),
    productionDate: z.string(),
    expiryDate: z.string(),
    grade: z.string(),
    origin: z.string(),
  }),
  /** The lot a rotation replaced with this one, and the lots that replaced this one. */
  replaces: z.string().nullable(),
  replacedBy: z.array(z.string()),
  events: z.array(traceEventSchema),
  /** Depots the lot reached, in order, with the event that brought it there. */
  path: z.array(z.object({ depot: z.string(), nameZh: z.string().nullable(), since: z.string(), seq: z.number().int() })),
  /** Every depot the lot's events name, with where it is (to draw the path on a map). */
  places: z
    .array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), region: adcode, lon: z.number(), lat: z.number() }))
    .optional(),
  /** Running balance per depot after each stock change (a stock card). */
  stockCard: z.array(z.object({ seq: z.number().int(), eventTime: z.string(), type: z.string(), depot: z.string(), delta: z.number().int(), balance: z.number().int() })),
  holdings: z.array(z.object({ depot: z.string(), quantity: z.number() })),
  alerts: z.array(alertRecordSchema),
  chain: chainSummarySchema,
});

export const instructionTraceSchema = z.object({
  instruction: z.object({
    id: z.string(),
    region: adcode,
    kind: z.string(),
    level: z.string(),
    issuer: z.string(),
    issuedAt: z.string(),
    seq: z.number().int(),
    lines: z.array(z.object({ category: z.string(), quantity: z.number(), fromDepot: z.string().optional(), fromCivilian: z.string().optional(), toDepot: z.string().optional(), toRegion: z.string().optional() })),
    /** Derived from what was moved under it and under the instructions forwarded from it. */
    status: z.enum(['issued', 'acknowledged', 'executing', 'done']),
    acknowledgedBy: z.string().nullable(),
    /** The instruction this one forwards. */
    parentId: z.string().nullable(),
  }),
  /** Instructions forwarded from this one (and from those), each with its own derived status. */
  children: z.array(
    z.object({
      id: z.string(),
      parentId: z.string(),
      region: adcode,
      level: z.string(),
      issuer: z.string(),
      issuedAt: z.string(),
      status: z.enum(['issued', 'acknowledged', 'executing', 'done']),
    }),
  ),
  usage: z.array(z.object({ category: z.string(), allowed: z.number(), movedIn: z.number(), movedOut: z.number() })),
  /** The issuing event, then every movement executed under the instruction. */
  events: z.array(traceEventSchema),
  lots: z.array(z.string()),
  alerts: z.array(alertRecordSchema),
  chain: chainSummarySchema,
});

export type LotSummary = z.output<typeof lotSummarySchema>;
export type TraceEvent = z.output<typeof traceEventSchema>;
export type AlertRecord = z.output<typeof alertRecordSchema>;
export type LotTrace = z.output<typeof lotTraceSchema>;
export type InstructionTrace = z.output<typeof instructionTraceSchema>;
