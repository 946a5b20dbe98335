import { useDepotStore } from '../../stores/depot-store';
import { useWallStore } from '../wall-store';
import { useTraceStore } from './trace-store';

/** Shows a lot on the trace wall from anywhere (a drawer's lot row), closing the drawer. */
export function openLotTrace(lotId: string): void {
  void useTraceStore.getState().actions.openLot(lotId);
  useWallStore.getState().actions.select('traceability');
  useDepotStore.getState().actions.close();
}
