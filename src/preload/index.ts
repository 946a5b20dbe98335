import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createInrsApi, hostEventNames, type Invoke, type Result, type Subscribe } from '../shared/contract';

// Only the grouped methods cross into the page: the channel list is fixed by the contract,
// so the page can neither name a channel nor reach ipcRenderer.
const invoke: Invoke = (channel, request) => ipcRenderer.invoke(channel, request) as Promise<Result<unknown>>;

const subscribe: Subscribe = (name, listener) => {
  if (!hostEventNames.includes(name)) return () => {};
  const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(name, handler);
  return () => {
    ipcRenderer.removeListener(name, handler);
  };
};

contextBridge.exposeInMainWorld('inrs', createInrsApi(invoke, subscribe));
