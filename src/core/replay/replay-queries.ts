import { AppError } from '../../shared/errors';
import type { NationalKpis, Situation, SituationFilter } from '../../shared/contract/situation-schemas';
import type { ReplayRange } from '../../shared/contract/replay-schemas';
import { CATEGORY_CLASSES, type CategoryClass } from '../../shared/domain/events';
import type { Db } from '../replica/open';
import { dataStamp, type DataStamp } from '../replica/situation/as-of';
import { cutKpis, cutSnapshot } from '../replica/situation/cut';
import { computeFacts, type SituationFacts } from '../replica/situation/facts';
import { resolveScope, scopeKey, type CategoryRef } from '../replica/situation/scope';
import { prepareSituationStatements, type DepotRow } from '../replica/situation/statements';
import { createCheckpointSet, distance, rowCount, stepEvents, type Checkpoint } from './checkpoints';
import { BeforeFloorError, prepareClock, type RegionCut } from './clock';
import { CATCH_UP_INLINE, createIndexBuilder, type IndexProgress } from './index-builder';
import { declarationAt, levelAt, prepareReference } from './reference-at';
import { statementsAt, type WorldAt } from './rows-at';
import { ALL_HORIZONS, alertRows, liveRows, movesBetween, prepareStockAt, rowsOf, stockAt } from './state-at';

/** Moments kept (each with the facts of the filters asked at it). */
const CACHE_SIZE = 4;
/** Checkpoints the background build makes at most (more come only as the log grows). */
const CHECKPOINT_LIMIT = 32;

/** The replay index is not level with the log yet (first build after install or a large sync). */
export class ReplayIndexBuildingError extends AppError<'replay-building'> {
  constructor(readonly progress: IndexProgress) {
    super('replay-building', `the replay index is still being built (${progress.indexed} of ${progress.total} events); try again shortly`, {
      indexed: progress.indexed,
      total: progress.total,
    });
    this.name = 'ReplayIndexBuildingError';
  }
}

interface Moment {
  stamp: DataStamp;
  world: WorldAt;
  provinces: { adcode: string; name_zh: string; name_en: string; emergency_level: string }[];
  facts: Map<string, SituationFacts>;
}

const classOrder = (k: string) => CATEGORY_CLASSES.indexOf(k as CategoryClass);

/**
 * The situation as it stood at a past moment, from the replay index: each region's log is cut
 * at the moment (record time), the stock rows are folded from the nearest checkpoint by the
 * movements between it and the cut, and the very same situation code (computeFacts, cutSnapshot,
 * cutKpis) derives the figures, so a moment shows what a replica holding the log up to it would
 * show. `stepEvents` sets the checkpoint spacing (tests); by default it follows the state's size.
 */
export function createReplayQueries(db: Db, options: { stepEvents?: number } = {}) {
  const builder = createIndexBuilder(db);
  const clock = prepareClock(db);
  const live = prepareSituationStatements(db);
  const stockStatements = prepareStockAt(db);
  const loadReference = prepareReference(db);
  const allDepots = db.prepare<[], DepotRow>('SELECT code, region, name_zh, name_en, lon, lat, operator_kind, capacity, planned FROM depots');
  const firstRecord = db.prepare<[string, number], { record_time: string }>('SELECT record_time FROM events WHERE region = ? AND seq > ? ORDER BY seq LIMIT 1');
  const cache = new Map<string, Moment>();
  let current: { version: string; alerts: ReturnType<typeof alertRows>; reference: ReturnType<typeof loadReference>; depots: DepotRow[] } | null = null;
  const checkpoints = createCheckpointSet();
  /** Events between checkpoints, set from the size of the state at the first one. */
  let step = Number.POSITIVE_INFINITY;
  /** The background build has put checkpoints back to the start of the range (or as far as the budget allows). */
  let warmed = false;
  /** Events the last seek folded from its checkpoint (what bounds its cost). */
  let lastSeekEvents = 0;

  /** Brings the index level with the log, or refuses while a long build is still under way. */
  const ensureIndexed = (): void => {
    let p = builder.progress();
    if (p.complete) return;
    if (p.total - p.indexed > CATCH_UP_INLINE) throw new ReplayIndexBuildingError(p);
    while (!p.complete) p = builder.step(CATCH_UP_INLINE);
  };

  const range = (): ReplayRange => {
    const progress = builder.progress();
    let earliest: number | null = null;
    let floor: number | null = null;
    let latest: number | null = null;
    for (const p of builder.regions()) {
      const first = firstRecord.get(p.region, p.base_seq);
      if (!first) continue;
      const ms = Date.parse(first.record_time);
      if (p.base_seq > 0) floor = Math.max(floor ?? ms, ms);
      else earliest = Math.min(earliest ?? ms, ms);
      latest = Math.max(latest ?? p.record_ms, p.record_ms);
    }
    const from = floor ?? earliest;
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return { from: iso(from), to: iso(latest), index: progress };
  };

  const cutsAt = (atMs: number): Map<string, RegionCut> => new Map(builder.regions().map((p) => [p.region, clock.cutOf(p, atMs)]));
  const seqsOf = (cuts: ReadonlyMap<string, RegionCut>) => new Map([...cuts].map(([region, c]) => [region, c.seq]));

  /**
   * Keeps a checkpoint near the head of the log: the first from the live tables (the index is level
   * with the log here), another each time the log has grown by a step since the newest.
   */
  const followHead = (): void => {
    const regions = builder.regions();
    if (checkpoints.follow(regions.map((p) => `${p.region}:${p.base_seq}`).join(','))) warmed = false;
    const head = new Map(regions.map((p) => [p.region, p.seq]));
    const newest = checkpoints.list().at(-1);
    if (newest && distance(newest.cuts, head) <= step) return;
    const rows = liveRows(stockStatements);
    checkpoints.add({ cuts: head, atMs: Math.max(0, ...regions.map((p) => p.record_ms)), rows });
    if (!Number.isFinite(step)) step = options.stepEvents ?? stepEvents(builder.progress().total, rowCount(rows));
  };

  /** A checkpoint at a moment, folded from another one. */
  const checkpointAt = (atMs: number, from: Checkpoint): void => {
    const cuts = cutsAt(atMs);
    const seqs = seqsOf(cuts);
    const stock = stockAt(stockStatements, from.rows, [], movesBetween(stockStatements, from.cuts, seqs), cuts, null, ALL_HORIZONS);
    checkpoints.add({ cuts: seqs, atMs, rows: rowsOf(stock) });
  };

  /** One more checkpoint a step before the oldest; true once they reach the start of the range. */
  const warmStep = (): boolean => {
    followHead();
    const { from, to, index } = range();
    const oldest = checkpoints.list()[0];
    if (!oldest || !from || !to || checkpoints.list().length >= CHECKPOINT_LIMIT) return true;
    const fromMs = Date.parse(from);
    if (oldest.atMs <= fromMs) return true;
    const stepMs = Math.max(3_600_000, Math.floor(((Date.parse(to) - fromMs) * step) / Math.max(1, index.total)));
    const atMs = Math.max(fromMs, oldest.atMs - stepMs);
    try {
      checkpointAt(atMs, oldest);
    } catch (err) {
      if (err instanceof BeforeFloorError) return true;
      throw err;
    }
    return atMs <= fromMs;
  };

  const momentAt = (atMs: number): Moment => {
    const liveStamp = dataStamp(live.heads.all());
    const liveVersion = liveStamp.dataVersion;
    if (current?.version !== liveVersion) {
      current = { version: liveVersion, alerts: alertRows(stockStatements), reference: loadReference(), depots: allDepots.all() };
    }
    const key = `${atMs}#${liveVersion}`;
    const hit = cache.get(key);
    if (hit) return hit;

    const cuts = cutsAt(atMs);
    const indexed = new Set(cuts.keys());
    const heads = [
      ...[...cuts.values()].filter((c) => c.seq > 0).map((c) => ({ region: c.region, last_seq: c.seq, head_hash: c.hash, data_as_of: c.eventMax })),
      // A region with no stored event (only a snapshot) cannot be replayed: it stays as it is.
      ...live.heads.all().filter((h) => !indexed.has(h.region)),
    ].sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
    const stamp = dataStamp(heads);

    const reference = current.reference;
    const declared = (type: string) => reference.get(type) ?? new Map();

    const categories: CategoryRef[] = [];
    for (const c of live.categories.all()) {
      const at = declarationAt(declared('category.defined').get(c.code), cuts);
      if (at.kind === 'absent') continue;
      const p = at.kind === 'payload' ? at.payload : null;
      categories.push({
        code: c.code,
        nameZh: p ? String(p.nameZh) : c.name_zh,
        nameEn: p ? String(p.nameEn) : c.name_en,
        unit: p ? String(p.unit) : c.unit,
        unitEn: p ? String(p.unitEn) : c.unit_en,
        class: (p ? String(p.class) : c.class) as CategoryClass,
        perCapitaDaily: p ? Number(p.perCapitaDaily) : c.per_capita_daily,
        safetyFloorShare: p ? Number(p.safetyFloorShare) : c.safety_floor_share,
      });
    }
    // The same order as the live reference list (class in domain order, then code).
    categories.sort((a, b) => classOrder(a.class) - classOrder(b.class) || a.code.localeCompare(b.code));

    const provinces = [];
    for (const r of live.provinces.all()) {
      const at = declarationAt(declared('region.declared').get(r.adcode), cuts);
      if (at.kind === 'absent' || (at.kind === 'payload' && at.payload.level !== 'province')) continue;
      const p = at.kind === 'payload' ? at.payload : null;
      provinces.push({
        adcode: r.adcode,
        name_zh: p ? String(p.nameZh) : r.name_zh,
        name_en: p ? String(p.nameEn) : r.name_en,
        emergency_level: levelAt(declared('emergency.level-changed').get(r.adcode), cuts, r.emergency_level),
      });
    }

    const depots = current.depots
      .filter((d) => declarationAt(declared('depot.registered').get(d.code), cuts).kind !== 'absent')
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

    // The nearest checkpoint, and the movements between it and the moment.
    followHead();
    const seqs = seqsOf(cuts);
    const near = checkpoints.nearest(seqs);
    if (!near) throw new Error('replay: no checkpoint to start from');
    const base = near.checkpoint;
    lastSeekEvents = near.events;
    const stock = stockAt(stockStatements, base.rows, current.alerts, movesBetween(stockStatements, base.cuts, seqs), cuts, stamp.asOf);
    const moment: Moment = { stamp, provinces, world: { depots, categories, stock }, facts: new Map() };
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, moment);
    return moment;
  };

  const factsAt = (at: string, filter: SituationFilter): SituationFacts => {
    const atMs = Date.parse(at);
    if (Number.isNaN(atMs)) throw new Error(`replay: ${at} is not a time`);
    ensureIndexed();
    const moment = momentAt(atMs);
    const key = scopeKey(filter);
    const hit = moment.facts.get(key);
    if (hit) return hit;
    const scope = resolveScope(filter, moment.world.categories, moment.provinces.map((p) => p.adcode));
    const facts = computeFacts(statementsAt(live, moment.world), moment.stamp, scope, moment.provinces);
    moment.facts.set(key, facts);
    return facts;
  };

  return {
    /**
     * Indexes up to `budget` more events of the log (the background build); once the index is
     * level, adds a checkpoint per call until they cover the range. Complete when both are done.
     */
    build: (budget: number): IndexProgress => {
      const progress = builder.step(budget);
      if (!progress.complete) return progress;
      if (!warmed) warmed = warmStep();
      return { ...progress, complete: warmed };
    },
    lastSeekEvents: (): number => lastSeekEvents,
    /** The checkpoints held (oldest first): their moments and sizes. */
    checkpoints: () => checkpoints.list().map((c) => ({ at: new Date(c.atMs).toISOString(), rows: rowCount(c.rows) })),
    range,
    snapshot: (at: string, filter: SituationFilter): Situation => cutSnapshot(factsAt(at, filter), filter),
    kpis: (at: string, filter: SituationFilter): NationalKpis => cutKpis(factsAt(at, filter), filter),
  };
}

export type ReplayQueries = ReturnType<typeof createReplayQueries>;
