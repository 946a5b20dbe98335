/** deck.gl's binary data form: a row count and one typed array per accessor. */
export interface BinaryData {
  length: number;
  attributes: Record<string, { value: Float32Array | Uint8Array; size: number; normalized?: boolean }>;
}

const cache = new WeakMap<object, BinaryData>();

/**
 * The same columns always give the same data object: deck.gl compares `data` by identity,
 * and a new object would re-upload every attribute of a million points on each render.
 */
export function binaryData(columns: object, make: () => BinaryData): BinaryData {
  let data = cache.get(columns);
  if (!data) {
    data = make();
    cache.set(columns, data);
  }
  return data;
}
