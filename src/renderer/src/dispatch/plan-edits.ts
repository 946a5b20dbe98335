import type { DispatchRecommendation, IssueLine, PlanFlow } from '../../../shared/contract/dispatch-schemas';

/**
 * The officer's copy of a recommended plan: quantities as typed (so a half-typed number is not
 * lost), rows removed and restored. Pure functions; the store keeps the result.
 */

export interface PlanLine {
  /** `from|to|category`: one line per depot, destination and category. */
  key: string;
  flow: PlanFlow;
  /** What the officer typed (the recommendation's quantity to start with). */
  text: string;
  removed: boolean;
}

export type PlanEdit = { type: 'set'; key: string; text: string } | { type: 'remove'; key: string } | { type: 'restore'; key: string };

export type LineProblem = 'not-whole' | 'over-supply';

export const lineKey = (f: Pick<PlanFlow, 'from' | 'to' | 'category'>): string => `${f.from}|${f.to}|${f.category}`;

export function linesOf(rec: DispatchRecommendation): PlanLine[] {
  return rec.plan.flows.map((flow) => ({ key: lineKey(flow), flow, text: String(flow.quantity), removed: false }));
}

export function applyEdit(lines: readonly PlanLine[], edit: PlanEdit): PlanLine[] {
  return lines.map((l) => {
    if (l.key !== edit.key) return l;
    switch (edit.type) {
      case 'set':
        return { ...l, text: edit.text };
      case 'remove':
        return { ...l, removed: true };
      case 'restore':
        return { ...l, removed: false };
    }
  });
}

/** A positive whole number, or null: instructions carry whole units. */
export function quantityOf(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,12}$/.test(t)) return null;
  const q = Number(t);
  return q > 0 ? q : null;
}

/**
 * What is wrong with each line still in the plan: not a positive whole number, or more asked
 * of a depot's category (its lines together) than it holds above its floor.
 */
export function lineProblems(lines: readonly PlanLine[]): Map<string, LineProblem> {
  const problems = new Map<string, LineProblem>();
  const asked = new Map<string, { q: number; available: number; keys: string[] }>();
  for (const l of lines) {
    if (l.removed) continue;
    const q = quantityOf(l.text);
    if (q === null) {
      problems.set(l.key, 'not-whole');
      continue;
    }
    const k = `${l.flow.from}|${l.flow.category}`;
    const a = asked.get(k) ?? { q: 0, available: l.flow.available, keys: [] };
    a.q += q;
    a.keys.push(l.key);
    asked.set(k, a);
  }
  for (const a of asked.values()) if (a.q > a.available) for (const key of a.keys) problems.set(key, 'over-supply');
  return problems;
}

/** The lines to issue, when every line still in the plan is valid and there is at least one. */
export function issueLines(lines: readonly PlanLine[]): IssueLine[] | null {
  const kept = lines.filter((l) => !l.removed);
  if (kept.length === 0 || lineProblems(lines).size > 0) return null;
  return kept.map((l) => ({ from: l.flow.from, to: l.flow.to, category: l.flow.category, quantity: quantityOf(l.text) as number }));
}

/** Quantity planned per category after the officer's edits (invalid lines count as nothing). */
export function plannedByCategory(lines: readonly PlanLine[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) {
    if (l.removed) continue;
    out.set(l.flow.category, (out.get(l.flow.category) ?? 0) + (quantityOf(l.text) ?? 0));
  }
  return out;
}

/** Source regions of the lines still in the plan: one signed instruction goes to each. */
export function sourceRegions(lines: readonly PlanLine[]): string[] {
  return [...new Set(lines.filter((l) => !l.removed).map((l) => l.flow.fromRegion))].sort();
}

/** One arc per depot and destination for a category: what the map draws while the plan is open. */
export interface DispatchArc {
  from: string;
  to: string;
  fromLon: number;
  fromLat: number;
  toLon: number;
  toLat: number;
  quantity: number;
  unit: string;
  unitEn: string;
}

export function arcsOf(lines: readonly PlanLine[], category: string | null): DispatchArc[] {
  const out: DispatchArc[] = [];
  for (const l of lines) {
    const q = quantityOf(l.text);
    if (l.removed || q === null || l.flow.category !== category) continue;
    const f = l.flow;
    out.push({ from: f.from, to: f.to, fromLon: f.fromLon, fromLat: f.fromLat, toLon: f.toLon, toLat: f.toLat, quantity: q, unit: f.unit, unitEn: f.unitEn });
  }
  return out;
}
