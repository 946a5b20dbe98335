import { kioskSettingsSchema, wallNameSchema, type KioskSettings, type WorkstationLayout } from '../../shared/contract/display-schemas';

/** Kiosk options from the command line; each overrides the stored layout's setting. */
export interface KioskFlags {
  kiosk: boolean;
  /** Comma-separated wall names. */
  playlist?: string | undefined;
  /** Seconds per wall. */
  interval?: string | undefined;
}

/** Checks the flags at start-up so a typo fails with the flag's name rather than later. */
export function parseKioskFlags(flags: KioskFlags): Partial<KioskSettings> {
  const out: Partial<KioskSettings> = {};
  if (flags.playlist !== undefined) {
    const walls = flags.playlist.split(',').map((w) => w.trim()).filter(Boolean);
    const bad = walls.filter((w) => !wallNameSchema.safeParse(w).success);
    if (bad.length > 0) throw new Error(`--playlist: not a wall name: ${bad.join(', ')}`);
    out.playlist = walls;
  }
  if (flags.interval !== undefined) {
    const seconds = Number(flags.interval);
    const parsed = kioskSettingsSchema.shape.intervalSeconds.safeParse(seconds);
    if (!parsed.success) throw new Error(`--interval: ${flags.interval} is not a whole number of seconds between 2 and 3600`);
    out.intervalSeconds = parsed.data;
  }
  return out;
}

/** The kiosk settings in force: the layout's, switched on by --kiosk, with the flags' overrides; undefined when off. */
export function effectiveKiosk(layout: WorkstationLayout, flags: KioskFlags): KioskSettings | undefined {
  const enabled = flags.kiosk || layout.kiosk.enabled;
  if (!enabled) return undefined;
  return { ...layout.kiosk, ...parseKioskFlags(flags), enabled: true };
}
