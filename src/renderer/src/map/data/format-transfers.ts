import type { Situation } from '../../../../shared/contract/situation-schemas';
import { inScope, type Scope } from './scope';

export interface TransferColumns {
  length: number;
  sources: Float32Array;
  targets: Float32Array;
  /** Width in pixels, by quantity (log scale: quantities span orders of magnitude). */
  widths: Float32Array;
  source: Uint32Array;
}

export const transferWidth = (quantity: number): number => Math.min(6, 1 + Math.log10(Math.max(1, quantity)) / 1.5);

/** A transfer is shown when either end lies in scope. */
export function formatTransfers(situation: Situation, scope: Scope): TransferColumns {
  const regionOf = new Map(situation.depots.map((d) => [d.code, d.region]));
  const visible = (code: string) => {
    const region = regionOf.get(code);
    return region === undefined ? scope.provinces === null : inScope(scope, region);
  };
  const rows: number[] = [];
  situation.transfers.forEach((t, i) => {
    if (visible(t.fromDepot) || visible(t.toDepot)) rows.push(i);
  });
  const length = rows.length;
  const out: TransferColumns = {
    length,
    sources: new Float32Array(length * 2),
    targets: new Float32Array(length * 2),
    widths: new Float32Array(length),
    source: new Uint32Array(rows),
  };
  rows.forEach((i, r) => {
    const t = situation.transfers[i]!;
    out.sources.set(t.from, r * 2);
    out.targets.set(t.to, r * 2);
    out.widths[r] = transferWidth(t.quantity);
  });
  return out;
}
