import type { Rng } from './prng';

/** Splits `total` into `n` positive integer parts of similar size. */
export function split(total: number, n: number, rng: Rng): number[] {
  const parts = Math.max(1, Math.min(n, total));
  const weights = Array.from({ length: parts }, () => rng.range(0.7, 1.3));
  const wsum = sum(weights);
  const out = weights.map((w) => Math.max(1, Math.floor((total * w) / wsum)));
  let diff = total - sum(out);
  for (let i = 0; diff !== 0; i = (i + 1) % parts) {
    const v = out[i] as number;
    if (diff > 0) {
      out[i] = v + 1;
      diff--;
    } else if (v > 1) {
      out[i] = v - 1;
      diff++;
    }
  }
  return out;
}

export function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

export function pad6(n: number): string {
  return String(n).padStart(6, '0');
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
