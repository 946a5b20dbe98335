import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as changepoint from '@bsull/augurs/changepoint';
import * as mstl from '@bsull/augurs/mstl';
import * as outlier from '@bsull/augurs/outlier';

/**
 * The augurs modules, instantiated once per thread. Each is its own WebAssembly module; in Node
 * their bytes are read beside the package's JavaScript (the package exports no .wasm path, so
 * the folder is found from a module it does export) and instantiated synchronously.
 */
export interface Augurs {
  MSTL: typeof mstl.MSTL;
  OutlierDetector: typeof outlier.OutlierDetector;
  ChangepointDetector: typeof changepoint.ChangepointDetector;
}

let loaded: Augurs | null = null;

export function loadAugurs(): Augurs {
  if (loaded) return loaded;
  const folder = dirname(createRequire(import.meta.url).resolve('@bsull/augurs/mstl'));
  const bytes = (name: string) => readFileSync(join(folder, `${name}_bg.wasm`));
  mstl.initSync({ module: bytes('mstl') });
  outlier.initSync({ module: bytes('outlier') });
  changepoint.initSync({ module: bytes('changepoint') });
  loaded = { MSTL: mstl.MSTL, OutlierDetector: outlier.OutlierDetector, ChangepointDetector: changepoint.ChangepointDetector };
  return loaded;
}
