import type { WallProps } from '../catalogue';
import { WallGrid } from '../WallGrid';

/** What needs attention: open alerts and the transfers under way. */
export default function AlertsTasks({ layout }: WallProps) {
  return <WallGrid layout={layout} />;
}
