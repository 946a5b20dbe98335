import { z } from 'zod';
import { adcodeSchema } from './adcode';

/**
 * The civilian asset registry: the asset file a contributor submits, the lifecycle events of an
 * asset (register → verify → onboard → meter, suspend, withdraw), the published contribution rule
 * set, and the pure folds over them. The ledger records contribution units under the rule version
 * in force at each meter record's time; it is never a payment or a promise of return.
 */

const name = z.string().trim().min(1).max(200);
const code = z.string().min(1).max(64);
const hash = z.string().regex(/^[0-9a-f]{64}$/, 'a document is named by its SHA-256 content hash (64 lowercase hex digits)');
const isoTime = z.iso.datetime();
const positive = z.number().positive();

const assetBase = {
  name,
  region: adcodeSchema,
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  documents: z.array(hash).max(50).optional(),
};

export const CAPABILITIES = ['warehouse', 'cold-chain', 'transport', 'outlet'] as const;

/** The asset file (`inrs contributor register --asset FILE.json`); extra fields are kept, not refused. */
export const assetFileSchema = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('physical'), ...assetBase, category: code, quantity: positive }),
  z.looseObject({ kind: z.literal('capability'), ...assetBase, capability: z.enum(CAPABILITIES), capacity: positive, unit: name }),
  z.looseObject({ kind: z.literal('service'), ...assetBase, service: name, certification: name }),
]);
export type AssetFile = z.infer<typeof assetFileSchema>;

export class AssetFileError extends Error {}

/** Parses an asset file's text; every problem is named with its field so the contributor can fix it. */
export function parseAssetFile(text: string): AssetFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new AssetFileError(`the asset file is not JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new AssetFileError('the asset file must hold one JSON object');
  const kind = (raw as { kind?: unknown }).kind;
  if (kind !== 'physical' && kind !== 'capability' && kind !== 'service') {
    throw new AssetFileError(`"kind" must be "physical", "capability" or "service", not ${JSON.stringify(kind)}`);
  }
  const parsed = assetFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `"${i.path.join('.') || '(file)'}": ${i.message}`);
    throw new AssetFileError(`the ${kind} asset file is invalid: ${issues.join('; ')}`);
  }
  return parsed.data;
}

export const registryAssetRegisteredSchema = z.object({ assetId: code, owner: z.string().min(1).max(200), asset: assetFileSchema });
export const registryAssetVerifiedSchema = z.object({
  assetId: code,
  passed: z.boolean(),
  reason: z.string().min(1).max(1000),
  evidence: z.array(hash).max(50),
});
export const registryAssetOnboardedSchema = z.object({ assetId: code });
export const METER_KINDS = ['storage-days', 'tonne-km', 'service-hours'] as const;
export type MeterKind = (typeof METER_KINDS)[number];
export const registryAssetMeteredSchema = z.object({
  assetId: code,
  recordId: code,
  kind: z.enum(METER_KINDS),
  amount: positive,
  /** When the usage happened; the rule version in force at this time prices it. */
  at: isoTime,
});
export const registryAssetSuspendedSchema = z.object({ assetId: code, reason: z.string().min(1).max(1000) });
export const registryAssetWithdrawnSchema = z.object({ assetId: code, reason: z.string().min(1).max(1000) });

/** A published contribution rule version, signed by the national hub; applies from `effectiveFrom` on. */
export const registryRulesPublishedSchema = z.object({
  version: z.string().min(1).max(32),
  effectiveFrom: isoTime,
  /** Units per storage-day, by category code; `*` for any category not named. */
  perStorageDay: z.record(z.string(), z.number().nonnegative()),
  perTonneKm: z.number().nonnegative(),
  perServiceHour: z.number().nonnegative(),
  perVerifiedRegistration: z.number().nonnegative(),
});
export type RuleSet = z.infer<typeof registryRulesPublishedSchema>;

export const ASSET_STATES = ['registered', 'verified', 'failed', 'onboarded', 'suspended', 'withdrawn'] as const;
export type AssetState = (typeof ASSET_STATES)[number];

/** One lifecycle step as it stands on the log: who, when, on what instruction, what. */
export type RegistryEvent =
  | { type: 'registry.asset-registered'; payload: z.infer<typeof registryAssetRegisteredSchema> }
  | { type: 'registry.asset-verified'; payload: z.infer<typeof registryAssetVerifiedSchema> }
  | { type: 'registry.asset-onboarded'; payload: z.infer<typeof registryAssetOnboardedSchema> }
  | { type: 'registry.asset-metered'; payload: z.infer<typeof registryAssetMeteredSchema> }
  | { type: 'registry.asset-suspended'; payload: z.infer<typeof registryAssetSuspendedSchema> }
  | { type: 'registry.asset-withdrawn'; payload: z.infer<typeof registryAssetWithdrawnSchema> }
  | { type: 'registry.rules-published'; payload: RuleSet };

export type RegistryLogEntry = RegistryEvent & { seq: number; at: string; actor: { subject: string; role: string }; instructionId?: string };

export interface AssetRecord {
  assetId: string;
  owner: string;
  asset: AssetFile;
  state: AssetState;
  registeredAt: string;
  /** The time verification passed; null until it has. */
  verifiedAt: string | null;
  history: { seq: number; type: RegistryEvent['type']; at: string; subject: string; instructionId?: string }[];
}

export class RegistryError extends Error {}

/** Which states each step may start from; anything else is refused with the asset's state named. */
const FROM: Record<Exclude<RegistryEvent['type'], 'registry.asset-registered' | 'registry.rules-published'>, readonly AssetState[]> = {
  'registry.asset-verified': ['registered', 'failed'],
  'registry.asset-onboarded': ['verified', 'suspended'],
  'registry.asset-metered': ['onboarded'],
  'registry.asset-suspended': ['onboarded'],
  'registry.asset-withdrawn': ['registered', 'verified', 'failed', 'onboarded', 'suspended'],
};

const VERB: Record<keyof typeof FROM, string> = {
  'registry.asset-verified': 'verified',
  'registry.asset-onboarded': 'onboarded',
  'registry.asset-metered': 'metered',
  'registry.asset-suspended': 'suspended',
  'registry.asset-withdrawn': 'withdrawn',
};

export type AssetStep = keyof typeof FROM;

/** Why `step` cannot happen to an asset in `state`, or null when it may. */
export function transitionProblem(step: AssetStep, assetId: string, state: AssetState): string | null {
  return FROM[step].includes(state) ? null : `asset ${assetId} is ${state} and cannot be ${VERB[step]}`;
}

/** What usage an asset can be metered by: held stock by storage-days, transport by tonne-km, services by hours. */
export function meterKindsFor(asset: AssetFile): readonly MeterKind[] {
  if (asset.kind === 'physical') return ['storage-days'];
  if (asset.kind === 'service') return ['service-hours'];
  return asset.capability === 'transport' ? ['tonne-km'] : ['storage-days'];
}

export function meterKindProblem(assetId: string, asset: AssetFile, kind: MeterKind): string | null {
  const allowed = meterKindsFor(asset);
  return allowed.includes(kind) ? null : `asset ${assetId} is ${asset.kind === 'capability' ? `a ${asset.capability} capability` : `a ${asset.kind} asset`} and is metered in ${allowed.join(' or ')}, not ${kind}`;
}

/**
 * The reserve resource an onboarded asset becomes: physical stock a lot held by its owner on
 * behalf of the state (category, quantity), a capability a unit with its capacity, a service an
 * entry of the resource pool under its certification.
 */
export interface ReserveResource {
  resourceId: string;
  kind: 'lot' | 'unit' | 'service';
  /** Category code, capability or service name. */
  what: string;
  amount: number | null;
  unit: string | null;
}

export function resourceOf(assetId: string, asset: AssetFile): ReserveResource {
  const suffix = assetId.replace(/^CA-/, '');
  if (asset.kind === 'physical') return { resourceId: `CL-${suffix}`, kind: 'lot', what: asset.category, amount: asset.quantity, unit: null };
  if (asset.kind === 'capability') return { resourceId: `CU-${suffix}`, kind: 'unit', what: asset.capability, amount: asset.capacity, unit: asset.unit };
  return { resourceId: `CS-${suffix}`, kind: 'service', what: asset.service, amount: null, unit: asset.certification };
}

export interface RegistryState {
  assets: Map<string, AssetRecord>;
  rules: RuleSet[];
  meters: (z.infer<typeof registryAssetMeteredSchema> & { owner: string; category: string | null })[];
}

export const emptyRegistry = (): RegistryState => ({ assets: new Map(), rules: [], meters: [] });

/** Applies one step, or throws a RegistryError saying why it cannot happen in the asset's state. */
export function applyRegistryEvent(state: RegistryState, entry: RegistryLogEntry): void {
  const step = { seq: entry.seq, type: entry.type, at: entry.at, subject: entry.actor.subject, instructionId: entry.instructionId };
  if (entry.type === 'registry.rules-published') {
    if (state.rules.some((r) => r.version === entry.payload.version)) throw new RegistryError(`rule version ${entry.payload.version} is already published`);
    state.rules.push(entry.payload);
    return;
  }
  if (entry.type === 'registry.asset-registered') {
    const { assetId, owner, asset } = entry.payload;
    if (state.assets.has(assetId)) throw new RegistryError(`asset ${assetId} is already registered`);
    state.assets.set(assetId, { assetId, owner, asset, state: 'registered', registeredAt: entry.at, verifiedAt: null, history: [step] });
    return;
  }
  const record = state.assets.get(entry.payload.assetId);
  if (!record) throw new RegistryError(`asset ${entry.payload.assetId} is not registered`);
  const problem = transitionProblem(entry.type, record.assetId, record.state);
  if (problem) throw new RegistryError(problem);
  record.history.push(step);
  switch (entry.type) {
    case 'registry.asset-verified':
      record.state = entry.payload.passed ? 'verified' : 'failed';
      if (entry.payload.passed) record.verifiedAt = entry.at;
      return;
    case 'registry.asset-onboarded':
      record.state = 'onboarded';
      return;
    case 'registry.asset-metered': {
      const wrongKind = meterKindProblem(record.assetId, record.asset, entry.payload.kind);
      if (wrongKind) throw new RegistryError(wrongKind);
      state.meters.push({ ...entry.payload, owner: record.owner, category: record.asset.kind === 'physical' ? record.asset.category : null });
      return;
    }
    case 'registry.asset-suspended':
      record.state = 'suspended';
      return;
    case 'registry.asset-withdrawn':
      record.state = 'withdrawn';
      return;
  }
}

export function foldRegistry(entries: readonly RegistryLogEntry[]): RegistryState {
  const state = emptyRegistry();
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) applyRegistryEvent(state, e);
  return state;
}

/** The rule version in force at `at`: the latest whose effective time is not after it. */
export function ruleInForce(rules: readonly RuleSet[], at: string): RuleSet | null {
  const t = Date.parse(at);
  let best: RuleSet | null = null;
  for (const r of rules) {
    const from = Date.parse(r.effectiveFrom);
    if (from <= t && (best === null || from > Date.parse(best.effectiveFrom))) best = r;
  }
  return best;
}

export interface LedgerEntry {
  contributor: string;
  assetId: string;
  /** The meter record, or `registration` for the units of a verified registration. */
  source: string;
  at: string;
  ruleVersion: string;
  units: number;
}

function meterRate(rule: RuleSet, kind: MeterKind, category: string | null): number {
  if (kind === 'tonne-km') return rule.perTonneKm;
  if (kind === 'service-hours') return rule.perServiceHour;
  return rule.perStorageDay[category ?? '*'] ?? rule.perStorageDay['*'] ?? 0;
}

/**
 * The contribution ledger, derived from the log alone: a verified registration and each meter
 * record earn units under the rule version in force at their own time. A record with no rule in
 * force yet earns nothing and is listed with version `none`, so the gap is visible.
 */
export function deriveLedger(state: RegistryState, contributor?: string): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (const a of state.assets.values()) {
    if (a.verifiedAt === null || (contributor !== undefined && a.owner !== contributor)) continue;
    const rule = ruleInForce(state.rules, a.verifiedAt);
    out.push({ contributor: a.owner, assetId: a.assetId, source: 'registration', at: a.verifiedAt, ruleVersion: rule?.version ?? 'none', units: rule?.perVerifiedRegistration ?? 0 });
  }
  for (const m of state.meters) {
    if (contributor !== undefined && m.owner !== contributor) continue;
    const rule = ruleInForce(state.rules, m.at);
    const units = rule ? meterRate(rule, m.kind, m.category) * m.amount : 0;
    out.push({ contributor: m.owner, assetId: m.assetId, source: m.recordId, at: m.at, ruleVersion: rule?.version ?? 'none', units });
  }
  return out.sort((x, y) => x.at.localeCompare(y.at) || x.source.localeCompare(y.source));
}

/** Units per contributor. */
export function ledgerBalances(entries: readonly LedgerEntry[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) out.set(e.contributor, (out.get(e.contributor) ?? 0) + e.units);
  return out;
}
