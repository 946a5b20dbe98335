import type { PayloadOf } from '../../shared/domain/events';
import { canonicalJson } from '../../shared/domain/canonical';
import { ASSET_STATES, assetFileSchema, meterKindProblem, resourceOf, transitionProblem, type AssetState, type AssetStep } from '../../shared/domain/registry';
import { refuse, type Ctx } from './refusal';

/**
 * The civilian asset registry as projected state. The regional server checks who may take each
 * step before it seals it; the rules here are the ones a replayed log must satisfy on its own
 * (the lifecycle order, an asset of the region's province, unique meter records and rule versions).
 */

type RegistryType =
  | 'registry.asset-registered'
  | 'registry.asset-verified'
  | 'registry.asset-onboarded'
  | 'registry.asset-metered'
  | 'registry.asset-suspended'
  | 'registry.asset-withdrawn'
  | 'registry.rules-published';

/** Every step is kept with its actor, time and instruction: the asset's trace. */
function step(ctx: Ctx, assetId: string | null, detail: unknown): void {
  const { event } = ctx;
  ctx.s.insertRegistryStep.run({
    region: event.region,
    seq: event.seq,
    assetId,
    type: event.type,
    subject: event.actor.subject,
    role: event.actor.role,
    instructionId: event.instructionId,
    time: event.eventTime,
    detail: canonicalJson(detail),
  });
}

/** Moves an asset one step along its lifecycle, or refuses with the asset's state named. */
function advance(ctx: Ctx, type: AssetStep, assetId: string, next: AssetState | null, detail: unknown) {
  const asset = ctx.s.registryAsset.get(assetId);
  if (!asset || asset.region !== ctx.event.region) refuse(`asset ${assetId} is not registered in region ${ctx.event.region}`);
  const state = (ASSET_STATES as readonly string[]).includes(asset.state) ? (asset.state as AssetState) : refuse(`asset ${assetId} has unknown state ${asset.state}`);
  const problem = transitionProblem(type, assetId, state);
  if (problem) refuse(problem);
  if (next) ctx.s.setRegistryState.run(next, ctx.event.seq, assetId);
  step(ctx, assetId, detail);
  return asset;
}

export const registryProjections: { [T in RegistryType]: (ctx: Ctx, payload: PayloadOf<T>) => void } = {
  'registry.asset-registered': (ctx, p) => {
    const { event } = ctx;
    if (ctx.s.registryAsset.get(p.assetId)) refuse(`asset ${p.assetId} is already registered`);
    if (p.asset.region.slice(0, 2) !== event.region.slice(0, 2)) refuse(`asset region ${p.asset.region} is outside region ${event.region}`);
    if (event.actor.role === 'contributor' && event.actor.subject !== p.owner) refuse(`contributor ${event.actor.subject} cannot register an asset owned by ${p.owner}`);
    ctx.s.insertRegistryAsset.run({
      assetId: p.assetId,
      region: event.region,
      owner: p.owner,
      kind: p.asset.kind,
      name: p.asset.name,
      assetRegion: p.asset.region,
      lon: p.asset.lon,
      lat: p.asset.lat,
      asset: canonicalJson(p.asset),
      at: event.eventTime,
      seq: event.seq,
    });
    step(ctx, p.assetId, { owner: p.owner, kind: p.asset.kind, name: p.asset.name, documents: p.asset.documents ?? [] });
  },
  'registry.asset-verified': (ctx, p) => {
    advance(ctx, 'registry.asset-verified', p.assetId, p.passed ? 'verified' : 'failed', p);
    if (p.passed) ctx.s.setRegistryVerified.run(ctx.event.eventTime, p.assetId);
  },
  'registry.asset-onboarded': (ctx, p) => {
    const { event } = ctx;
    // On what instruction: when one is named it must be an instruction of this region.
    if (event.instructionId) {
      const region = ctx.b.instructionRegion(event.instructionId);
      if (region === null) refuse(`unknown instruction ${event.instructionId}`);
      if (region !== event.region) refuse(`instruction ${event.instructionId} belongs to region ${region}`);
    }
    const asset = advance(ctx, 'registry.asset-onboarded', p.assetId, 'onboarded', p);
    const file = assetFileSchema.parse(JSON.parse(asset.asset));
    const resource = resourceOf(p.assetId, file);
    // Back from a suspension the resource is available again under its first id and onboarding time.
    if (asset.state === 'suspended') ctx.s.setResourceStatus.run('available', event.seq, p.assetId);
    else
      ctx.s.insertRegistryResource.run({
        ...resource,
        assetId: p.assetId,
        region: event.region,
        assetRegion: file.region,
        owner: asset.owner,
        lon: file.lon,
        lat: file.lat,
        at: event.eventTime,
        instructionId: event.instructionId,
        seq: event.seq,
      });
  },
  'registry.asset-metered': (ctx, p) => {
    if (ctx.s.registryMeterExists.get(ctx.event.region, p.recordId)) refuse(`meter record ${p.recordId} already exists`);
    // Usage is recorded once it happened: a record dated ahead could be priced by rules not yet known.
    if (Date.parse(p.at) > Date.parse(ctx.event.eventTime)) refuse(`meter record ${p.recordId} is dated ${p.at}, after it is recorded (${ctx.event.eventTime})`);
    const current = ctx.s.registryAsset.get(p.assetId);
    if (current) {
      const wrongKind = meterKindProblem(p.assetId, assetFileSchema.parse(JSON.parse(current.asset)), p.kind);
      if (wrongKind) refuse(wrongKind);
    }
    const asset = advance(ctx, 'registry.asset-metered', p.assetId, null, p);
    ctx.s.insertRegistryMeter.run({ region: ctx.event.region, recordId: p.recordId, assetId: p.assetId, owner: asset.owner, kind: p.kind, amount: p.amount, at: p.at, seq: ctx.event.seq });
  },
  'registry.asset-suspended': (ctx, p) => {
    advance(ctx, 'registry.asset-suspended', p.assetId, 'suspended', p);
    ctx.s.setResourceStatus.run('suspended', ctx.event.seq, p.assetId);
  },
  'registry.asset-withdrawn': (ctx, p) => {
    // A withdrawn asset leaves the reserve: its resource is kept for the trace, no longer dispatchable.
    advance(ctx, 'registry.asset-withdrawn', p.assetId, 'withdrawn', p);
    ctx.s.setResourceStatus.run('withdrawn', ctx.event.seq, p.assetId);
  },
  'registry.rules-published': (ctx, p) => {
    const { event } = ctx;
    if (ctx.s.registryRuleExists.get(event.region, p.version)) refuse(`rule version ${p.version} is already published`);
    // Never retroactive: a version applies from its effective time on, so no priced record is ever re-priced.
    if (Date.parse(p.effectiveFrom) < Date.parse(event.eventTime)) {
      refuse(`rule version ${p.version} would apply from ${p.effectiveFrom}, before it is published (${event.eventTime}): a rule version applies from its effective time on, never to past records`);
    }
    const { envelope: _signed, ...rules } = p;
    ctx.s.insertRegistryRule.run({ region: event.region, version: p.version, effectiveFrom: p.effectiveFrom, rules: canonicalJson(rules), signer: event.actor.subject, seq: event.seq });
    step(ctx, null, { version: p.version, effectiveFrom: p.effectiveFrom });
  },
};
