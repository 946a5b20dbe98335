import type { AppInfo } from '../../shared/contract';
import type { HostHandlers } from '../host/dispatcher';
import { createMemoryDisplays, type DisplaysService } from './displays-service';

/** The contract's displays channels over a host's displays (Electron screens or the browser tab). */
export function createDisplayHandlers(displays: DisplaysService = createMemoryDisplays()): Pick<HostHandlers, 'displays:list' | 'displays:set-layout'> {
  return {
    'displays:list': () => displays.list(),
    'displays:set-layout': ({ layout }) => displays.setLayout(layout),
  };
}

/** app:info with the kiosk settings in force now (the layout may have changed since start-up). */
export function withKiosk(info: AppInfo, displays: DisplaysService | undefined): AppInfo {
  const kiosk = displays?.kiosk();
  return kiosk ? { ...info, kiosk } : info;
}
