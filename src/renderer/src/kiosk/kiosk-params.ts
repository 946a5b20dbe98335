import { kioskSettingsSchema, MAX_KIOSK_INTERVAL_S, MIN_KIOSK_INTERVAL_S, type KioskSettings } from '../../../shared/contract/display-schemas';

/**
 * What a kiosk rotates when nobody configured a playlist: the national picture, the province
 * of highest risk (the region wall is framed on it when its turn comes), the alerts, the reserves
 * by category. A playlist of one wall keeps a kiosk on that wall.
 */
export const DEFAULT_KIOSK_PLAYLIST: readonly string[] = ['national-overview', 'region-focus', 'alerts-tasks', 'category-reserves'];

/** The defaults a kiosk runs with when neither the address nor the host says otherwise. */
export const DEFAULT_KIOSK: KioskSettings = kioskSettingsSchema.parse({ enabled: true, playlist: DEFAULT_KIOSK_PLAYLIST });

/**
 * Kiosk settings from the address: `?kiosk=1&playlist=national-overview,alerts-tasks&interval=3`
 * (also `cursor=SECONDS`). Each given value overrides the host's settings; kiosk=0 turns it off.
 */
export function kioskFromSearch(search: string): Partial<KioskSettings> {
  const params = new URLSearchParams(search);
  const out: Partial<KioskSettings> = {};
  const kiosk = params.get('kiosk');
  if (kiosk !== null) out.enabled = kiosk === '1' || kiosk === 'true' || kiosk === '';
  const playlist = params.get('playlist');
  if (playlist !== null) out.playlist = playlist.split(',').map((w) => w.trim()).filter(Boolean);
  const interval = Number(params.get('interval'));
  if (params.has('interval') && Number.isInteger(interval)) out.intervalSeconds = Math.min(MAX_KIOSK_INTERVAL_S, Math.max(MIN_KIOSK_INTERVAL_S, interval));
  const cursor = Number(params.get('cursor'));
  if (params.has('cursor') && Number.isInteger(cursor) && cursor >= 1) out.cursorIdleSeconds = Math.min(600, cursor);
  return out;
}

/** The host's settings (app:info) under the address's overrides; null when kiosk mode is off. */
export function resolveKiosk(host: KioskSettings | undefined, fromUrl: Partial<KioskSettings>): KioskSettings | null {
  const enabled = fromUrl.enabled ?? host?.enabled ?? false;
  if (!enabled) return null;
  const resolved = { ...DEFAULT_KIOSK, ...host, ...fromUrl, enabled: true };
  return resolved.playlist.length > 0 ? resolved : { ...resolved, playlist: [...DEFAULT_KIOSK_PLAYLIST] };
}

/** The province the default playlist's region wall shows: the highest risk index (ties: lowest adcode). */
export function highestRiskRegion(provinces: readonly { adcode: string; riskIndex: number }[]): string | null {
  let best: { adcode: string; riskIndex: number } | null = null;
  for (const p of provinces) if (!best || p.riskIndex > best.riskIndex || (p.riskIndex === best.riskIndex && p.adcode < best.adcode)) best = p;
  return best?.adcode ?? null;
}

/** Splits a playlist into the walls this build has and the names it does not know. */
export function knownWalls(playlist: readonly string[], isWall: (w: string) => boolean): { walls: string[]; unknown: string[] } {
  return { walls: playlist.filter(isWall), unknown: playlist.filter((w) => !isWall(w)) };
}
