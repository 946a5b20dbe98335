import type { WallProps } from '../catalogue';
import { WallGrid } from '../WallGrid';

/** One province: the map framed on it, its cover by class and its depots. */
export default function RegionFocus({ layout }: WallProps) {
  return <WallGrid layout={layout} zoomToFocus />;
}
