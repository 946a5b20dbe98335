import { describe, expect, it } from 'vitest';
import { bridgeUrl, takeBridgeToken } from './token';

function env(href: string, stored: string | null = null) {
  const url = new URL(href);
  const items = new Map<string, string>();
  if (stored) items.set('inrs.bridgeToken', stored);
  const replaced: string[] = [];
  return {
    replaced,
    items,
    env: {
      location: { href, search: url.search },
      history: { state: null, replaceState: (_s: unknown, _t: string, u?: string | URL | null) => void replaced.push(String(u)) },
      storage: { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) },
    },
  };
}

describe('browser host token', () => {
  it('takes the token from the URL, keeps it for reloads and hides it', () => {
    const e = env('http://127.0.0.1:4000/?token=abc_-1&wall=national#x');
    expect(takeBridgeToken(e.env)).toBe('abc_-1');
    expect(e.items.get('inrs.bridgeToken')).toBe('abc_-1');
    expect(e.replaced).toEqual(['/?wall=national#x']);
  });

  it('falls back to the stored token after a reload', () => {
    const e = env('http://127.0.0.1:4000/', 'kept');
    expect(takeBridgeToken(e.env)).toBe('kept');
    expect(e.replaced).toEqual([]);
  });

  it('has no token when neither the URL nor the session holds one', () => {
    expect(takeBridgeToken(env('http://127.0.0.1:4000/').env)).toBeNull();
  });

  it('builds the bridge address on the page origin', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:4000' }, '/bridge', 'a+b')).toBe(
      'ws://127.0.0.1:4000/bridge?token=a%2Bb',
    );
    expect(bridgeUrl({ protocol: 'https:', host: 'h:1' }, '/bridge', 't')).toBe('wss://h:1/bridge?token=t');
  });
});
