import { kioskSettingsSchema, MAX_KIOSK_INTERVAL_S, MIN_KIOSK_INTERVAL_S, type KioskSettings } from '../../../shared/contract/display-schemas';

/** The defaults a kiosk runs with when neither the address nor the host says otherwise. */
export const DEFAULT_KIOSK: KioskSettings = kioskSettingsSchema.parse({ enabled: true });

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
  return { ...DEFAULT_KIOSK, ...host, ...fromUrl, enabled: true };
}

/** Splits a playlist into the walls this build has and the names it does not know. */
export function knownWalls(playlist: readonly string[], isWall: (w: string) => boolean): { walls: string[]; unknown: string[] } {
  return { walls: playlist.filter(isWall), unknown: playlist.filter((w) => !isWall(w)) };
}
