import { z } from 'zod';
import {
  categorySchema,
  depotDetailSchema,
  instructionSummarySchema,
  nationalKpisSchema,
  situationFilterSchema,
  situationSchema,
  trendSchema,
} from './situation-schemas';
import { linkStateSchema } from './sync-schemas';
import { chainStatusSchema } from './audit-schemas';
import { displaysListSchema, kioskSettingsSchema, workstationLayoutSchema } from './display-schemas';
import {
  breakGlassRequestSchema,
  cancelRequestSchema,
  commandAnswerSchema,
  cosignRequestSchema,
  countersignRequestSchema,
  emergencyStateSchema,
  officerIdentitySchema,
  proposeRequestSchema,
} from './emergency-schemas';
import { briefingDeliverRequestSchema, briefingDeliverResultSchema, briefingExportRequestSchema, briefingExportResultSchema } from './briefing-schemas';
import { replayAtRequestSchema, replayRangeSchema } from './replay-schemas';
import { dispatchPlanChannels } from './dispatch-plan-schemas';
import { optimisationChannels, optimisationProgressSchema } from './optimisation-schemas';
import { forecastChannels } from './forecast-schemas';
import { scenarioChannels, scenarioProgressSchema } from './scenario-schemas';
import { alertRuleChannels } from './alert-rules-schemas';
import { registryChannels } from './registry-schemas';
import { contributorChannels, contributorInfoSchema } from './contributor-schemas';
import { instructionTraceSchema, lotSummarySchema, lotTraceSchema, traceInstructionRequestSchema, traceLotRequestSchema, traceSearchRequestSchema } from './trace-schemas';
import {
  acknowledgeRequestSchema,
  dispatchIssueRequestSchema,
  dispatchIssueResponseSchema,
  dispatchProgressSchema,
  dispatchRecommendationSchema,
  dispatchRecommendRequestSchema,
  forwardRequestSchema,
  forwardResponseSchema,
} from './dispatch-schemas';

/**
 * The single source of truth for every channel between the renderer and the app host.
 * Names are `domain:verb`; request and response are zod schemas, so channel, payload and
 * handler types are all inferred from here and cannot drift.
 */

const adcode = z.string().regex(/^\d{6}$/, 'adcode must be 6 digits');

export const regionHeadSchema = z.object({
  region: adcode,
  nameZh: z.string(),
  nameEn: z.string(),
  lastSeq: z.number().int().nonnegative(),
  headHash: z.string(),
  /** eventTime of the newest applied event: the replica's "data as of" for the region. */
  dataAsOf: z.string().nullable(),
});

export const replicaStatsSchema = z.object({
  depots: z.number().int().nonnegative(),
  lots: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
  categories: z.number().int().nonnegative(),
  regions: z.array(regionHeadSchema),
  /** Hash over every region's head hash, in adcode order: one value to compare replicas. */
  chainHead: z.string(),
});

export const provinceAggregateSchema = z.object({
  adcode,
  nameZh: z.string(),
  nameEn: z.string(),
  depots: z.number().int().nonnegative(),
  lots: z.number().int().nonnegative(),
  stockByClass: z.record(z.string(), z.number()),
});

export const depotSummarySchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  region: adcode,
  adcode,
  lon: z.number(),
  lat: z.number(),
  operatorKind: z.string(),
});

export const appInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  replicaPath: z.string(),
  demo: z.boolean(),
  /** The kiosk settings in force (--kiosk or the workstation layout); absent: a workstation. */
  kiosk: kioskSettingsSchema.optional(),
  /** Present on a contributor's workstation: it shows only the contributor's own assets. */
  contributor: contributorInfoSchema.optional(),
});

export const channels = {
  'app:info': { request: z.void(), response: appInfoSchema },
  'replica:stats': { request: z.void(), response: replicaStatsSchema },
  'replica:provinces': { request: z.void(), response: z.array(provinceAggregateSchema) },
  'depots:search': {
    request: z.object({
      query: z.string().trim().min(1).max(64),
      limit: z.number().int().min(1).max(200).default(20),
    }),
    response: z.array(depotSummarySchema),
  },
  'depots:detail': { request: z.object({ code: z.string().min(1).max(64) }), response: depotDetailSchema },
  'categories:list': { request: z.void(), response: z.array(categorySchema) },
  'situation:snapshot': { request: z.object({ filter: situationFilterSchema }), response: situationSchema },
  'situation:kpis': { request: z.object({ filter: situationFilterSchema }), response: nationalKpisSchema },
  'situation:trend': {
    request: z.object({ region: adcode, filter: situationFilterSchema, days: z.number().int().min(7).max(366).default(90) }),
    response: trendSchema,
  },
  'instructions:list': {
    request: z.object({ filter: situationFilterSchema, limit: z.number().int().min(1).max(200).default(50) }),
    response: z.array(instructionSummarySchema),
  },
  'sync:links': { request: z.void(), response: z.array(linkStateSchema) },
  /** The span of the log the time slider can replay (and how far its index is built). */
  'replay:range': { request: z.void(), response: replayRangeSchema },
  /** The situation and KPIs as they stood at a past moment (the same shapes as situation:*). */
  'replay:snapshot': { request: replayAtRequestSchema, response: situationSchema },
  'replay:kpis': { request: replayAtRequestSchema, response: nationalKpisSchema },
  'trace:lot': { request: traceLotRequestSchema, response: lotTraceSchema },
  'trace:instruction': { request: traceInstructionRequestSchema, response: instructionTraceSchema },
  'trace:search': { request: traceSearchRequestSchema, response: z.array(lotSummarySchema) },
  'audit:chain-status': { request: z.void(), response: chainStatusSchema },
  /** Writes a briefing PDF into the data folder's briefings/ and answers its path. */
  'briefing:export': { request: briefingExportRequestSchema, response: briefingExportResultSchema },
  /** Offers a written briefing to the officer: a one-time download (browser) or a save dialog (Electron). */
  'briefing:deliver': { request: briefingDeliverRequestSchema, response: briefingDeliverResultSchema },
  'dispatch:recommend': { request: dispatchRecommendRequestSchema, response: dispatchRecommendationSchema },
  /** One signed instruction per source region; a region out of reach is reported in its result. */
  'dispatch:issue': { request: dispatchIssueRequestSchema, response: dispatchIssueResponseSchema },
  'instructions:acknowledge': { request: acknowledgeRequestSchema, response: commandAnswerSchema },
  /** Passes an acknowledged instruction on to the depots it names, one signed instruction per depot. */
  'instructions:forward': { request: forwardRequestSchema, response: forwardResponseSchema },
  'displays:list': { request: z.void(), response: displaysListSchema },
  'displays:set-layout': { request: z.object({ layout: workstationLayoutSchema }), response: displaysListSchema },
  /** The link certificate's identity; null when the host runs offline or has no identity. */
  'identity:current': { request: z.void(), response: officerIdentitySchema.nullable() },
  'emergency:state': { request: z.void(), response: emergencyStateSchema },
  'emergency:propose': { request: proposeRequestSchema, response: commandAnswerSchema },
  'emergency:cosign': { request: cosignRequestSchema, response: commandAnswerSchema },
  'emergency:cancel': { request: cancelRequestSchema, response: commandAnswerSchema },
  'emergency:break-glass': { request: breakGlassRequestSchema, response: commandAnswerSchema },
  'emergency:countersign': { request: countersignRequestSchema, response: commandAnswerSchema },
  ...dispatchPlanChannels,
  ...optimisationChannels,
  ...forecastChannels,
  ...scenarioChannels,
  ...alertRuleChannels,
  ...registryChannels,
  ...contributorChannels,
} as const;

/** Events pushed from the host to the renderer. */
export const hostEvents = {
  'replica:changed': z.object({ regions: z.array(adcode) }),
  'sync:link-changed': linkStateSchema,
  'audit:chain-changed': chainStatusSchema,
  'dispatch:progress': dispatchProgressSchema,
  'optimisation:progress': optimisationProgressSchema,
  'scenario:progress': scenarioProgressSchema,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;
export type HostEventName = keyof typeof hostEvents;
export type HostEventPayload<E extends HostEventName> = z.output<(typeof hostEvents)[E]>;

export type ReplicaStats = z.output<typeof replicaStatsSchema>;
export type ProvinceAggregate = z.output<typeof provinceAggregateSchema>;
export type DepotSummary = z.output<typeof depotSummarySchema>;
export type AppInfo = z.output<typeof appInfoSchema>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const hostEventNames = Object.keys(hostEvents) as HostEventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
