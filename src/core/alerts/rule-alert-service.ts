import { AlertRuleEngine, type RuleAlert, type RuleChange, type RuleObservation } from '../../shared/domain/alert-rule-engine';
import { ALERT_RULE_MEASURES, type AlertRuleSet } from '../../shared/domain/alert-rules';
import type { SealedEvent } from '../../shared/domain/events';
import type { Db } from '../replica/open';
import type { SyncFollower } from '../sync/sync-ops';
import { loadAlertRuleSet } from './default-rules';
import { publishedRuleSet } from './replica-rules';
import type { ChainMonitor } from '../audit/chain-monitor';
import { createAnomalyObservations } from './anomaly-observations';
import { createFeedObservations } from './feed-observations';
import { createRegionObservations } from './region-observations';
import { createRuleAlertStore, type RaisingAction } from './rule-alert-store';
import { ruleObservations } from './rule-observations';
import { touchedDepots } from './touched-depots';

/** The rule set a region evaluates: the latest its log carries, or the shipped default. */
export interface RuleSetInForce {
  region: string;
  ruleSet: AlertRuleSet;
  /** Null for the shipped default (nothing published on the region's log yet). */
  publishedBy: string | null;
  publishedAt: string | null;
  /** The version a publish must carry: one after the latest published (1 before the first). */
  nextVersion: number;
  measured: string[];
}

interface RegionEngine {
  engine: AlertRuleEngine;
  /** The log position up to which officers' actions were applied. */
  actionSeq: number;
  /** The data day the expiry counts were last read for every depot. */
  day: string;
}

/** The measures observed on a workstation: every one a rule can name. */
const MEASURED: readonly string[] = ALERT_RULE_MEASURES;
/** Measures of the situation picture's own checks (under floor, expiring, expired): rules on them take their place. */
const REPLACING = new Set<string>(['stock-floor-ratio', 'days-to-expiry']);

/**
 * Rule alerts on a workstation's replica, kept current batch by batch: each applied batch hands
 * the region's evaluator the observations of the depots it touched, a newly published rule set,
 * and the officers' acknowledgements, assignments and resolutions it carries. Raisings are timed
 * by the log (the same on every workstation); escalation is checked against `clock` whenever the
 * alerts are read. The evaluator's state is saved beside the replica, so a restart keeps it.
 */
export function createRuleAlertService(db: Db, options: { clock?: () => Date; defaultRules?: () => AlertRuleSet; chain?: ChainMonitor } = {}) {
  const clock = options.clock ?? (() => new Date());
  const store = createRuleAlertStore(db);
  const regionObservations = createRegionObservations(db);
  const feed = createFeedObservations(db, options.chain);
  const anomalies = createAnomalyObservations(db);
  /** Everything measured of a region as a whole (not per depot), as of the replica now. */
  const regionWide = (region: string, stockMoved = true): RuleObservation[] => [
    // Days supported, plan completion and consumption move only with stock (and the data day).
    ...(stockMoved ? [...regionObservations([region]), ...anomalies([region])] : []),
    ...feed.stale([region]),
    feed.chainProblems(region),
  ];
  let shipped: AlertRuleSet | null = null;
  const defaultRules = () => (shipped ??= options.defaultRules ? options.defaultRules() : loadAlertRuleSet());
  const engines = new Map<string, RegionEngine>();
  const regions = db.prepare<[], string>('SELECT DISTINCT region FROM depots ORDER BY region').pluck();
  const depotsOf = db.prepare<[string], string>('SELECT code FROM depots WHERE region = ?').pluck();
  const headOf = db.prepare<[string], { last_seq: number; data_as_of: string | null }>('SELECT last_seq, data_as_of FROM region_heads WHERE region = ?');
  const replicaAsOf = db.prepare<[], string | null>('SELECT max(data_as_of) FROM region_heads').pluck();
  const publishedMeta = db.prepare<[string], { published_by: string; published_at: string }>(
    'SELECT published_by, published_at FROM alert_rule_sets WHERE region = ? ORDER BY version DESC LIMIT 1',
  );

  /** The data day expiry windows count from: the replica's newest event, as the situation picture counts. */
  const today = () => (replicaAsOf.get() ?? clock().toISOString()).slice(0, 10);
  const ruleSetOf = (region: string) => publishedRuleSet(db, region) ?? defaultRules();

  function applyActions(entry: RegionEngine, list: readonly RaisingAction[]): RuleAlert[] {
    const touched: RuleAlert[] = [];
    for (const a of list) {
      entry.actionSeq = Math.max(entry.actionSeq, a.seq);
      // An action names one raising; one that has cleared since, or another raising, is history only.
      if (!entry.engine.raising(a.alertId, a.raisedAt)) continue;
      if (a.kind === 'acknowledged') touched.push(entry.engine.acknowledge(a.alertId, a.by, a.text, a.at));
      else if (a.kind === 'assigned') touched.push(entry.engine.assign(a.alertId, a.text, a.by, a.at));
      else touched.push(entry.engine.resolve(a.alertId, a.by, a.text, a.at));
    }
    return touched;
  }

  /** The region's evaluator, built on first use from its saved state and the replica as it is. */
  function engineFor(region: string): RegionEngine {
    const known = engines.get(region);
    if (known) return known;
    const head = headOf.get(region);
    const day = today();
    const now = head?.data_as_of ?? `${day}T00:00:00.000Z`;
    const engine = new AlertRuleEngine();
    const set = ruleSetOf(region);
    engine.setRuleSet(set, now);
    // Raisings of rules no longer in force are dropped; the rest are judged by the rules as they are now.
    const live = new Set(set.rules.filter((r) => r.enabled).map((r) => r.id));
    const saved = store.load(region);
    engine.restoreState({
      values: [],
      open: saved.open.filter((a) => live.has(a.ruleId)),
      pending: saved.pending.filter(([id]) => live.has(id.split(':')[1] ?? '')),
    });
    engine.observe([...ruleObservations(db, depotsOf.all(region), day), ...regionWide(region)], now);
    const entry: RegionEngine = { engine, actionSeq: 0, day };
    applyActions(entry, store.actions(region));
    store.replace(region, engine.exportState());
    engines.set(region, entry);
    return entry;
  }

  /**
   * The other regions' evaluators when a batch moved the replica on: their data grows staler as
   * the replica's data-as-of moves, and a new data day moves their expiry counts and consumption
   * windows, so then they are read again whole (once a day).
   */
  function followOthers(region: string, now: string, day: string): void {
    for (const [other, entry] of engines) {
      if (other === region) continue;
      const obs = entry.day !== day ? [...ruleObservations(db, depotsOf.all(other), day), ...regionWide(other)] : feed.stale([other]);
      entry.day = day;
      const pending = entry.engine.pendingKey();
      const changes = entry.engine.observe(obs, now);
      if (changes.length > 0 || entry.engine.pendingKey() !== pending) store.save(other, changes, entry.engine.exportState(), []);
    }
  }

  return {
    /** Evaluates what one applied batch of `region` changed. */
    afterBatch(region: string, events: readonly SealedEvent[]): RuleChange[] {
      if (events.length === 0) return [];
      // A new rule set (the first may replace the shipped default of the same version) rebuilds the region's evaluator.
      if (events.some((e) => e.type === 'alert-rules.published')) engines.delete(region);
      if (!engines.has(region)) {
        engineFor(region);
        followOthers(region, events.at(-1)?.eventTime ?? clock().toISOString(), today());
        return [];
      }
      const entry = engineFor(region);
      const now = events.at(-1)?.eventTime ?? clock().toISOString();
      const day = today();
      const changes: RuleChange[] = [];
      // Each depot's values are timed by the last event of the batch that touched it, so a raising
      // is named alike on every workstation however sync cut the log into batches. A new data day
      // moves every lot's days to expiry: then the whole region is read again, once a day.
      const touched = touchedDepots(events);
      const depots = day !== entry.day ? depotsOf.all(region) : [...touched.keys()];
      entry.day = day;
      const byTime = new Map<string, RuleObservation[]>();
      for (const o of ruleObservations(db, depots, day)) {
        if (o.region !== region) continue;
        const at = (o.depot && touched.get(o.depot)) ?? now;
        byTime.set(at, [...(byTime.get(at) ?? []), o]);
      }
      // Region-wide measures (days supported, plan completion, consumption, the feed) at the batch's last event.
      byTime.set(now, [...(byTime.get(now) ?? []), ...regionWide(region, touched.size > 0 || depots.length > touched.size)]);
      // Values and officers' actions in log-time order: an acknowledgement made before an alert's
      // escalation time keeps it from escalating, and one in the same batch as its raising finds it.
      const actions = store.actions(region, entry.actionSeq);
      const steps = [...[...byTime].map(([at, obs]) => ({ at, obs, action: null })), ...actions.map((a) => ({ at: a.at, obs: null, action: a }))];
      const acted: RuleAlert[] = [];
      for (const s of steps.sort((x, y) => x.at.localeCompare(y.at) || (x.obs ? -1 : 0) - (y.obs ? -1 : 0))) {
        if (s.obs) changes.push(...entry.engine.observe(s.obs, s.at));
        else if (s.action) acted.push(...applyActions(entry, [s.action]));
      }
      store.save(region, changes, entry.engine.exportState(), acted);
      followOthers(region, now, day);
      return changes;
    },

    /** Open alerts of every region, escalated as of the clock, most severe first. */
    list(): RuleAlert[] {
      const now = clock().toISOString();
      const out: RuleAlert[] = [];
      for (const region of regions.all()) {
        const entry = engineFor(region);
        const changes = entry.engine.tick(now);
        if (changes.length > 0) store.save(region, changes, entry.engine.exportState(), []);
        out.push(...entry.engine.openAlerts());
      }
      const rank = { critical: 0, warning: 1, info: 2 } as const;
      return out.sort((a, b) => rank[a.severity] - rank[b.severity] || a.raisedAt.localeCompare(b.raisedAt) || a.id.localeCompare(b.id));
    },

    /** Kinds the rules in force raise from measured stock and expiry (the situation picture's own checks of them step aside). */
    coveredKinds(): string[] {
      const kinds = new Set<string>();
      for (const region of regions.all()) for (const r of ruleSetOf(region).rules) if (r.enabled && REPLACING.has(r.measure)) kinds.add(r.kind);
      return [...kinds].sort();
    },

    ruleSet(region: string): RuleSetInForce {
        const meta = publishedMeta.get(region);
      const published = publishedRuleSet(db, region);
      return {
        region,
        ruleSet: published ?? defaultRules(),
        publishedBy: meta?.published_by ?? null,
        publishedAt: meta?.published_at ?? null,
        nextVersion: (published?.version ?? 0) + 1,
        measured: [...MEASURED],
      };
    },

    /** What a rule set would raise on the region's current values, minimum durations aside. */
    preview(region: string, set: AlertRuleSet): RuleAlert[] {
      return engineFor(region).engine.preview(set);
    },

    /** Forgets the evaluators (after a snapshot replaced a region, or a seed filled the replica). */
    reset(region?: string): void {
      if (region === undefined) engines.clear();
      else {
        engines.delete(region);
        // A replaced log is walked afresh: a chain problem it no longer has clears.
        feed.forget(region);
      }
    },
  };
}

export type RuleAlertService = ReturnType<typeof createRuleAlertService>;

/** Sync's follower that evaluates each applied batch; a fault leaves the batch applied and the region to be evaluated afresh when next read. */
export function ruleAlertFollower(service: RuleAlertService): SyncFollower {
  return {
    applied(region, events) {
      try {
        service.afterBatch(region, events);
      } catch {
        service.reset(region);
      }
    },
    replaced: (region) => service.reset(region),
  };
}
