import { createInrsApi, type InrsApi } from '../../../shared/contract';
import { BRIDGE_PATH } from '../../../shared/contract/bridge-frames';
import { useConnectionStore } from './connection-store';
import { bridgeUrl, takeBridgeToken } from './token';
import { createWsBridge } from './ws-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the page is served by the browser host. */
    inrs?: InrsApi;
  }
}

const NO_TOKEN_MESSAGE = 'bridge: the page was opened without the host access token';

let api: InrsApi | undefined;

function createBrowserApi(): InrsApi {
  const { set, setRetry } = useConnectionStore.getState().actions;
  const token = takeBridgeToken({ location: window.location, history: window.history, storage: window.sessionStorage });
  if (!token) {
    set({ status: 'no-token' });
    return createInrsApi(
      () => Promise.resolve({ ok: false, error: { code: 'not-connected', message: NO_TOKEN_MESSAGE } }),
      () => () => {},
    );
  }
  const bridge = createWsBridge({
    url: bridgeUrl(window.location, BRIDGE_PATH, token),
    connect: (url) => new WebSocket(url),
    onState: set,
  });
  setRetry(bridge.retry);
  return createInrsApi(bridge.invoke, bridge.subscribe);
}

/** The host API: Electron's preload when present, otherwise the browser host's bridge. */
export function getInrs(): InrsApi {
  if (api) return api;
  if (window.inrs) {
    useConnectionStore.getState().actions.set({ status: 'preload' });
    api = window.inrs;
  } else {
    api = createBrowserApi();
  }
  return api;
}
