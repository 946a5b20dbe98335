const STORAGE_KEY = 'inrs.bridgeToken';

interface TokenEnv {
  location: Pick<Location, 'href' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * The browser host's access token: taken from `?token=` on first load, then kept in
 * sessionStorage (so a reload still works) and removed from the visible URL.
 */
export function takeBridgeToken(env: TokenEnv): string | null {
  const fromUrl = new URLSearchParams(env.location.search).get('token');
  if (fromUrl) {
    try {
      env.storage.setItem(STORAGE_KEY, fromUrl);
    } catch {
      // Storage may be disabled; the token still works for this page load.
    }
    const url = new URL(env.location.href);
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return env.storage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function bridgeUrl(location: Pick<Location, 'protocol' | 'host'>, path: string, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${path}?token=${encodeURIComponent(token)}`;
}
