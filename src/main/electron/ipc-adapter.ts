import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channelNames, type HostEventName } from '../../shared/contract';
import type { DisposableStore } from '../../shared/disposables';
import type { Dispatch, SenderInfo } from '../host/dispatcher';
import type { HostEventHub } from '../host/host-events';

/** What the adapter reads of an IPC event: the sending frame and whether it is the top frame. */
export function senderInfoOf(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): SenderInfo {
  const frame = event.senderFrame;
  if (!frame) return { origin: '', topFrame: false };
  return { origin: frame.url, topFrame: frame === event.sender.mainFrame };
}

/** Registers one ipcMain handler per contract channel, each going through the dispatcher. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch, disposables: DisposableStore): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, request: unknown) => dispatch(channel, request, senderInfoOf(event)));
    disposables.add(() => ipcMain.removeHandler(channel));
  }
}

/** Forwards host events to every app window that is still alive. */
export function forwardHostEvents(events: HostEventHub, windows: () => Pick<WebContents, 'send' | 'isDestroyed'>[], disposables: DisposableStore): void {
  const unsubscribe = events.subscribe((name: HostEventName, payload) => {
    for (const contents of windows()) if (!contents.isDestroyed()) contents.send(name, payload);
  });
  disposables.add(unsubscribe);
}

/** Only the app's own renderer page may call: the packaged file or the dev server URL. */
export function isAppPage(url: string, rendererUrl: string): boolean {
  try {
    const page = new URL(url);
    const app = new URL(rendererUrl);
    return page.protocol === app.protocol && page.host === app.host && page.pathname === app.pathname;
  } catch {
    return false;
  }
}
