import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { OPERATOR_KINDS } from '../../shared/domain/events';
import { formatIssues } from '../dispatch/problem';
import { resourcesDir } from '../resources-dir';

/**
 * The cost model as data (resources/costs/cost-model.json; README, "Cost model"): every value
 * carries its source, either "demo" (illustrative) or a citation, so a figure is never taken
 * for an official one by accident.
 */
export class CostModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CostModelError';
  }
}

const source = z.string().min(1, 'must be "demo" or cite a source');
const sourced = (value: z.ZodNumber) => z.strictObject({ value, source });
const money = z.number({ error: 'must be a number' }).nonnegative('must be ≥ 0');
const share = z.number({ error: 'must be a number' }).min(0, 'must be within 0…1').max(1, 'must be within 0…1');

export const categoryCostsSchema = z.strictObject({
  /** CNY per unit at a price index of 1. */
  unitPrice: sourced(money),
  /** Tonnes per unit, for transport cost per tonne-km. */
  tonnesPerUnit: sourced(money),
  /** CNY per unit and day, by depot type (the depot's operator kind). */
  storagePerUnitDay: z.strictObject(Object.fromEntries(OPERATOR_KINDS.map((k) => [k, sourced(money)])) as Record<(typeof OPERATOR_KINDS)[number], ReturnType<typeof sourced>>),
  rotation: z.strictObject({
    /** Share of the month's price lost when a lot is sold out before its end of life. */
    discountShare: sourced(share),
    /** CNY per unit for moving a unit out or in. */
    handlingPerUnit: sourced(money),
  }),
  /** Whole months between ordering a replacement and its arrival. */
  leadTimeMonths: sourced(z.number().int('must be a whole number').min(0, 'must be ≥ 0').max(24, 'must be ≤ 24')),
  /** Procurement price index for January … December (1 = unitPrice). */
  priceIndexByMonth: z.strictObject({ values: z.array(z.number().positive('must be > 0').max(10)).length(12, 'must hold 12 monthly values'), source }),
});

export const costModelSchema = z.strictObject({
  $comment: z.string().optional(),
  currency: z.literal('CNY'),
  /** CNY per tonne-km by road. */
  transportPerTonneKm: sourced(money),
  /** CNY per tonne-km carried by civilian transport units called on beyond the state's fleet (the state's rate when absent). */
  civilianTransportPerTonneKm: sourced(money).optional(),
  /** A depot class can move (out plus in) this share of its storage capacity per month. */
  handlingShareOfCapacityPerMonth: sourced(z.number().positive('must be > 0').max(1, 'must be ≤ 1')),
  categories: z.record(z.string().min(1).max(64), categoryCostsSchema),
});

export type CostModel = z.output<typeof costModelSchema>;
export type CategoryCosts = z.output<typeof categoryCostsSchema>;

export function defaultCostModelFile(): string {
  return join(resourcesDir(), 'costs', 'cost-model.json');
}

export function parseCostModel(value: unknown, where = 'cost model'): CostModel {
  const parsed = costModelSchema.safeParse(value);
  if (!parsed.success) throw new CostModelError(`${where}: ${formatIssues(parsed.error, 'costs')}`);
  return parsed.data;
}

/** Reads and validates a cost model file (the bundled one by default). */
export function loadCostModel(file = defaultCostModelFile()): CostModel {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CostModelError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read the cost model (${(err as Error).message})`);
  }
  return parseCostModel(value, file);
}

/** Costs of a category, or a clear error naming the category the model lacks. */
export function categoryCosts(model: CostModel, category: string): CategoryCosts {
  const c = model.categories[category];
  if (!c) throw new CostModelError(`the cost model has no entry for category ${category}`);
  return c;
}

/** Price of one unit of a category bought in a calendar month (1 … 12). */
export function unitPriceIn(costs: CategoryCosts, calendarMonth: number): number {
  return costs.unitPrice.value * (costs.priceIndexByMonth.values[(calendarMonth - 1 + 12) % 12] as number);
}
