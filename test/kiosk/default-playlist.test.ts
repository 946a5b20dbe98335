import { describe, expect, it } from 'vitest';
import { kioskSettingsSchema } from '../../src/shared/contract/display-schemas';
import { DEFAULT_KIOSK_PLAYLIST, highestRiskRegion, kioskFromSearch, knownWalls, resolveKiosk } from '../../src/renderer/src/kiosk/kiosk-params';
import { currentWall, initialScheduler, nextDeadline, schedulerReducer } from '../../src/renderer/src/kiosk/playlist-scheduler';
import { isWallType } from '../../src/renderer/src/walls/wall-reducer';

describe('a kiosk out of the box', () => {
  it('rotates overview → region of highest risk → alerts → category when no playlist is configured', () => {
    expect(DEFAULT_KIOSK_PLAYLIST).toEqual(['national-overview', 'region-focus', 'alerts-tasks', 'category-reserves']);
    // `&kiosk=1` alone, and the host's own default settings (kiosk on, no playlist).
    expect(resolveKiosk(undefined, kioskFromSearch('?token=x&kiosk=1'))?.playlist).toEqual(DEFAULT_KIOSK_PLAYLIST);
    expect(resolveKiosk(kioskSettingsSchema.parse({ enabled: true }), {})?.playlist).toEqual(DEFAULT_KIOSK_PLAYLIST);
    // Every wall of it is one this build has.
    expect(knownWalls(DEFAULT_KIOSK_PLAYLIST, isWallType).unknown).toEqual([]);
  });

  it('keeps a configured playlist, a single wall included', () => {
    expect(resolveKiosk(kioskSettingsSchema.parse({ enabled: true, playlist: ['traceability'] }), {})?.playlist).toEqual(['traceability']);
    expect(resolveKiosk(undefined, kioskFromSearch('?kiosk=1&playlist=alerts-tasks,national-overview'))?.playlist).toEqual(['alerts-tasks', 'national-overview']);
  });

  it('shows each wall of the default playlist in turn on a fake clock', () => {
    let now = 0;
    const intervalMs = 30_000;
    let state = initialScheduler({ playlist: DEFAULT_KIOSK_PLAYLIST, intervalMs, alertWall: 'alerts-tasks', emergencyWall: 'emergency-operations' }, now);
    const shown = [currentWall(state)];
    for (let i = 0; i < 4; i++) {
      now = nextDeadline(state)!;
      state = schedulerReducer(state, { type: 'tick', now });
      shown.push(currentWall(state));
    }
    expect(shown).toEqual([...DEFAULT_KIOSK_PLAYLIST, 'national-overview']);
    expect(now).toBe(4 * intervalMs);
  });

  it('frames the region wall on the province of highest risk', () => {
    expect(highestRiskRegion([{ adcode: '110000', riskIndex: 20 }, { adcode: '540000', riskIndex: 71 }, { adcode: '430000', riskIndex: 71 }])).toBe('430000');
    expect(highestRiskRegion([])).toBeNull();
  });
});
