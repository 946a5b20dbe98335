import type { WallProps } from '../catalogue';
import { WallGrid } from '../WallGrid';

/** The civilian asset registry: the pipeline by kind and province, and pending verifications. */
export default function Registry({ layout }: WallProps) {
  return <WallGrid layout={layout} />;
}
