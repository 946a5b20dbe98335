import type { WallProps } from '../catalogue';
import { WallGrid } from '../WallGrid';

/** The national picture: KPI strip, risk map and provinces by risk. */
export default function NationalOverview({ layout }: WallProps) {
  return <WallGrid layout={layout} />;
}
