import { z } from 'zod';
import { adcodeSchema } from './adcode';
import { EMERGENCY_LEVELS } from './emergency';
import { INSTRUCTION_KINDS, instructionSchema } from './instruction-schema';
import { signedEnvelopeSchema } from '../protocol/command-envelope';
import { alertRuleSetSchema } from './alert-rules';
import {
  registryAssetMeteredSchema,
  registryAssetOnboardedSchema,
  registryAssetRegisteredSchema,
  registryAssetSuspendedSchema,
  registryAssetVerifiedSchema,
  registryAssetWithdrawnSchema,
  registryRulesPublishedSchema,
} from './registry';

/**
 * The event model (docs/architecture.md §5). State is a deterministic fold of one append-only log per
 * region; these schemas are the only way an event enters a store.
 */

export { adcodeSchema, INSTRUCTION_KINDS };
const isoTime = z.iso.datetime();
const isoDate = z.iso.date();
const code = z.string().min(1).max(64);
const quantity = z.number().int().positive();

export const CATEGORY_CLASSES = ['grain', 'oil', 'energy', 'shelter', 'water', 'medical', 'power'] as const;
export type CategoryClass = (typeof CATEGORY_CLASSES)[number];

export const OPERATOR_KINDS = ['national', 'provincial', 'enterprise', 'civilian'] as const;
export const ROLES = [
  'national-commander',
  'ministry-analyst',
  'duty-officer',
  'depot-operator',
  'auditor',
  'contributor',
  'registry-verifier',
  'wall',
  'regional-server',
] as const;
export type Role = (typeof ROLES)[number];

export const actorSchema = z.object({ subject: z.string().min(1).max(200), role: z.enum(ROLES) });
export type Actor = z.infer<typeof actorSchema>;

export const regionDeclaredSchema = z.object({
  adcode: adcodeSchema,
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  level: z.enum(['national', 'province']),
});

export const categoryDefinedSchema = z.object({
  code,
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  unit: z.string().min(1),
  unitEn: z.string().min(1),
  class: z.enum(CATEGORY_CLASSES),
  shelfLifeDays: z.number().int().positive(),
  /** Per-capita daily norm (unit/person/day), used for days-of-cover figures. */
  perCapitaDaily: z.number().nonnegative(),
  /** Share of a depot's nominal holding below which it is under its safety floor. */
  safetyFloorShare: z.number().min(0).max(1),
});

export const depotRegisteredSchema = z.object({
  code,
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  adcode: adcodeSchema,
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  operatorKind: z.enum(OPERATOR_KINDS),
  /** Nominal capacity per category class, in that class's usual unit. */
  capacity: z.record(z.string(), z.number().nonnegative()),
  /** Planned reserve scale per category code (储备计划), in the category's unit; absent when none is set. */
  planned: z.record(code, z.number().int().nonnegative()).optional(),
});

/** An instruction; one issued by a signed command carries the officer's envelope, so an auditor can re-verify it. */
export const instructionIssuedSchema = instructionSchema.extend({ envelope: signedEnvelopeSchema.optional() });

const emergencyLevel = z.enum(EMERGENCY_LEVELS);

/** A level I/II change waiting for a second officer's co-signature until `cosignBy` (server time). */
export const emergencyProposedSchema = z.object({
  proposalId: code,
  fromLevel: emergencyLevel,
  toLevel: emergencyLevel,
  plan: z.string().min(1).max(200),
  reason: z.string().min(1).max(500),
  cosignBy: isoTime,
  envelope: signedEnvelopeSchema,
});

/** The region's level changed: by one officer, by a confirmed proposal (two signers) or by break-glass. */
export const emergencyLevelChangedSchema = z.object({
  fromLevel: emergencyLevel,
  toLevel: emergencyLevel,
  plan: z.string().min(1).max(200),
  reason: z.string().min(1).max(500),
  /** Certificate subjects of the officers whose signatures made the change. */
  signers: z.array(z.string().min(1).max(200)).min(1).max(2),
  proposalId: code.nullable(),
  breakGlass: z.boolean(),
  envelopes: z.array(signedEnvelopeSchema).min(1).max(2),
});

export const emergencyProposalCancelledSchema = z.object({
  proposalId: code,
  reason: z.string().min(1).max(500),
  envelope: signedEnvelopeSchema,
});

/** A second officer confirms a break-glass level I: the flag and its alert clear. */
export const emergencyCountersignedSchema = z.object({ envelope: signedEnvelopeSchema });

/** The addressee of an instruction confirms receipt. */
export const instructionAcknowledgedSchema = z.object({ instructionId: code, envelope: signedEnvelopeSchema });

/** A new version of the region's alert rules; every workstation evaluates the latest it has applied. */
export const alertRulesPublishedSchema = z.object({ ruleSet: alertRuleSetSchema, envelope: signedEnvelopeSchema });
/** One raising of a rule alert acknowledged: it stays silent until its measure clears. */
export const alertAcknowledgedSchema = z.object({
  alertId: z.string().min(1).max(200),
  raisedAt: isoTime,
  comment: z.string().min(1).max(500),
  envelope: signedEnvelopeSchema,
});
/** One raising of a rule alert handed to a user; a later assignment replaces it. */
export const alertAssignedSchema = z.object({
  alertId: z.string().min(1).max(200),
  raisedAt: isoTime,
  assignee: z.string().min(1).max(200),
  envelope: signedEnvelopeSchema,
});
/** One raising of a rule alert closed with a note: off the open list until its measure clears. */
export const alertResolvedSchema = z.object({
  alertId: z.string().min(1).max(200),
  raisedAt: isoTime,
  comment: z.string().min(1).max(500),
  envelope: signedEnvelopeSchema,
});

export const lotIntakeSchema = z.object({
  lotId: code,
  depot: code,
  category: code,
  quantity,
  productionDate: isoDate,
  expiryDate: isoDate,
  grade: z.string().min(1).max(16),
  origin: z.string().min(1).max(120),
});

export const transferOutSchema = z.object({
  transferId: code,
  lotId: code,
  fromDepot: code,
  toDepot: code,
  quantity,
});

export const transferInSchema = z.object({
  transferId: code,
  lotId: code,
  toDepot: code,
  quantity,
});

export const stockIssuedSchema = z.object({
  lotId: code,
  depot: code,
  quantity,
  recipient: z.string().min(1).max(200),
});

/** A count of one lot at one depot; the projector compares it with the book at that moment. */
export const stockInspectedSchema = z.object({
  lotId: code,
  depot: code,
  physicalCount: z.number().int().nonnegative(),
  quality: z.enum(['pass', 'fail']),
  note: z.string().min(1).max(200).optional(),
});

/** Old lot out, replacement lot (of the same category) in at the same depot, linked in one event. */
export const stockRotatedSchema = z.object({
  lotId: code,
  depot: code,
  quantity,
  newLot: lotIntakeSchema.omit({ depot: true }),
  reason: z.string().min(1).max(200),
});

export const DISPOSAL_REASONS = ['expired', 'failed-inspection', 'damaged'] as const;
export const stockDisposedSchema = z.object({
  lotId: code,
  depot: code,
  quantity,
  reason: z.enum(DISPOSAL_REASONS),
  note: z.string().min(1).max(200).optional(),
});

/**
 * An error declaration (EPCIS style): names the earlier events it corrects by seq and content
 * id and, when a quantity was wrong, carries a compensating adjustment. Nothing is edited.
 */
export const eventCorrectedSchema = z.object({
  corrects: z
    .array(z.object({ seq: z.number().int().positive(), id: z.string().regex(/^[0-9a-f]{64}$/) }))
    .min(1)
    .max(50),
  reason: z.string().min(1).max(500),
  adjustment: z
    .object({
      lotId: code,
      depot: code,
      /** Signed: positive puts stock back on the book, negative writes it off. */
      quantity: z.number().int().refine((q) => q !== 0, 'an adjustment of 0 changes nothing'),
    })
    .optional(),
});

export const eventPayloadSchemas = {
  'region.declared': regionDeclaredSchema,
  'category.defined': categoryDefinedSchema,
  'depot.registered': depotRegisteredSchema,
  'instruction.issued': instructionIssuedSchema,
  'lot.intake': lotIntakeSchema,
  'stock.transfer-out': transferOutSchema,
  'stock.transfer-in': transferInSchema,
  'stock.issued': stockIssuedSchema,
  'stock.inspected': stockInspectedSchema,
  'stock.rotated': stockRotatedSchema,
  'stock.disposed': stockDisposedSchema,
  'event.corrected': eventCorrectedSchema,
  'emergency.proposed': emergencyProposedSchema,
  'emergency.level-changed': emergencyLevelChangedSchema,
  'emergency.proposal-cancelled': emergencyProposalCancelledSchema,
  'emergency.countersigned': emergencyCountersignedSchema,
  'instruction.acknowledged': instructionAcknowledgedSchema,
  'alert-rules.published': alertRulesPublishedSchema,
  'alert.acknowledged': alertAcknowledgedSchema,
  'alert.assigned': alertAssignedSchema,
  'alert.resolved': alertResolvedSchema,
  'registry.asset-registered': registryAssetRegisteredSchema,
  'registry.asset-verified': registryAssetVerifiedSchema,
  'registry.asset-onboarded': registryAssetOnboardedSchema,
  'registry.asset-metered': registryAssetMeteredSchema,
  'registry.asset-suspended': registryAssetSuspendedSchema,
  'registry.asset-withdrawn': registryAssetWithdrawnSchema,
  /** A contribution rule version, as the national commander signed it (the envelope re-verifies it). */
  'registry.rules-published': registryRulesPublishedSchema.extend({ envelope: signedEnvelopeSchema }),
} as const;

export type EventType = keyof typeof eventPayloadSchemas;
export const EVENT_TYPES = Object.keys(eventPayloadSchemas) as EventType[];
/** Movement events must name the instruction they execute. */
export const MOVEMENT_TYPES: ReadonlySet<EventType> = new Set([
  'lot.intake',
  'stock.transfer-out',
  'stock.transfer-in',
  'stock.issued',
  'stock.inspected',
  'stock.rotated',
  'stock.disposed',
]);

export type PayloadOf<T extends EventType> = z.infer<(typeof eventPayloadSchemas)[T]>;

const draftBase = {
  region: adcodeSchema,
  eventTime: isoTime,
  actor: actorSchema,
  instructionId: code.nullable(),
};

/** What a writer proposes: content without position in the log. */
export const eventDraftSchema = z
  .discriminatedUnion(
    'type',
    EVENT_TYPES.map((type) =>
      z.object({ ...draftBase, type: z.literal(type), payload: eventPayloadSchemas[type] }),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  )
  .superRefine((draft, ctx) => {
    if (MOVEMENT_TYPES.has(draft.type as EventType) && !draft.instructionId) {
      ctx.addIssue({ code: 'custom', message: `${String(draft.type)} requires an instructionId` });
    }
    // A compensating adjustment moves stock, so it too must be authorised.
    if (draft.type === 'event.corrected' && (draft.payload as { adjustment?: unknown }).adjustment && !draft.instructionId) {
      ctx.addIssue({ code: 'custom', message: 'event.corrected with an adjustment requires an instructionId' });
    }
  });

export type EventDraft = {
  [T in EventType]: {
    region: string;
    type: T;
    eventTime: string;
    actor: Actor;
    instructionId: string | null;
    payload: PayloadOf<T>;
  };
}[EventType];

/** A draft sealed into a region's log: gap-free seq, content id, and the chain link. */
export type SealedEvent = EventDraft & {
  seq: number;
  /** Content hash of the draft (what happened), independent of its position. */
  id: string;
  recordTime: string;
  prevHash: string;
  /** Chain hash over prevHash, seq, recordTime and id. */
  hash: string;
};

export const sealedEventSchema = z.intersection(
  eventDraftSchema,
  z.object({
    seq: z.number().int().positive(),
    id: z.string().regex(/^[0-9a-f]{64}$/),
    recordTime: isoTime,
    prevHash: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  }),
);

/** prevHash of a region's first event. */
export const GENESIS_HASH = '0'.repeat(64);
