import type { WallProps } from '../catalogue';
import { WallGrid } from '../WallGrid';

/** One category: stock against the safety floor in every province. */
export default function CategoryReserves({ layout }: WallProps) {
  return <WallGrid layout={layout} />;
}
