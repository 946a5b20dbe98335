import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../resources-dir';
import { z } from 'zod';
import { DispatchInputError } from './errors';
import { formatIssues } from './problem';

/**
 * Per-capita relief norms (resources/norms/sphere-norms.json): what one affected person needs of
 * each category, per day or once, with the source of every figure in the file itself.
 */

const normSchema = z.strictObject({
  category: z.string().min(1),
  need: z.string().min(1),
  /** per-person-day: consumed every day of the scenario; per-person: issued once. */
  basis: z.enum(['per-person-day', 'per-person']),
  amount: z.number().positive(),
  amountUnit: z.string().min(1),
  /** Part of the need this category meets (needs split across categories add up to 1). */
  share: z.number().positive().max(1),
  /** How much of `amountUnit` one unit of the category holds. */
  unitContent: z.number().positive(),
  /** Demand rounded up to whole units (tents, cases) or to a thousandth (tonnes). */
  wholeUnits: z.boolean(),
  season: z.enum(['any', 'cold']),
  sources: z.array(z.string().min(1)).min(1),
  derivation: z.string().min(1),
});

export const normsFileSchema = z
  .object({
    title: z.string(),
    version: z.literal(1),
    sources: z.array(z.object({ id: z.string().min(1), citation: z.string().min(1) }).loose()).min(1),
    norms: z.array(normSchema).min(1),
    notDerived: z.array(z.object({ category: z.string(), reason: z.string() })).optional(),
  })
  .loose()
  .superRefine((file, ctx) => {
    const ids = new Set(file.sources.map((s) => s.id));
    file.norms.forEach((n, i) => {
      for (const s of n.sources) if (!ids.has(s)) ctx.addIssue({ code: 'custom', path: ['norms', i, 'sources'], message: `unknown source "${s}"` });
    });
    const shares = new Map<string, number>();
    for (const n of file.norms) shares.set(`${n.need}|${n.amount}|${n.amountUnit}|${n.basis}`, (shares.get(`${n.need}|${n.amount}|${n.amountUnit}|${n.basis}`) ?? 0) + n.share);
    for (const [need, total] of shares) {
      if (Math.abs(total - 1) > 1e-9) ctx.addIssue({ code: 'custom', path: ['norms'], message: `the shares of need "${need.split('|')[0]}" add up to ${total}, not 1` });
    }
  });

export type NormsFile = z.infer<typeof normsFileSchema>;
export type Norm = NormsFile['norms'][number];

/** Category units per affected person (per day for per-person-day norms). */
export const unitsPerPerson = (n: Norm): number => (n.amount * n.share) / n.unitContent;



export const defaultNormsFile = (): string => join(resourcesDir(), 'norms', 'sphere-norms.json');

export function parseNorms(value: unknown, label = 'norms'): NormsFile {
  const parsed = normsFileSchema.safeParse(value);
  if (!parsed.success) throw new DispatchInputError(`invalid norms file: ${formatIssues(parsed.error, label)}`);
  return parsed.data;
}

/** Reads and validates a norms file (the shipped one by default). */
export function loadNorms(file: string = defaultNormsFile()): NormsFile {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DispatchInputError(`${file}: cannot read the norms (${(err as Error).message})`);
  }
  return parseNorms(value, file);
}
