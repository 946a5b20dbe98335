import type { WallProps } from '../catalogue';
import { WallGrid } from '../WallGrid';
import '../../emergency/emergency.css';

/**
 * Emergency operations: the map framed on the region in focus, every region's level, the
 * officer's panel (propose, co-sign, cancel, break glass, countersign) and the dispatch
 * panels (scenario, plan, the region's instructions).
 */
export default function EmergencyOperations({ layout }: WallProps) {
  return <WallGrid layout={layout} zoomToFocus />;
}
