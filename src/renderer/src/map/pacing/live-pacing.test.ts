import { describe, expect, it } from 'vitest';
import { liveWait, MAX_LIVE_WAIT_MS } from './live-pacing';

describe('pacing live refreshes to the map', () => {
  it('hands an officer\'s new view over at once, however slow the map', () => {
    expect(liveWait({ shownView: 'all', handedAt: 1_000, drawMs: 3_000 }, 'hunan', 1_100)).toBe(0);
  });

  it('holds a live refresh of the same view until the map has rested four draws long', () => {
    // Drawn from 1 000 to 4 000; rests 12 000: the refresh goes at 16 000.
    expect(liveWait({ shownView: 'all', handedAt: 1_000, drawMs: 3_000 }, 'all', 5_000)).toBe(11_000);
    expect(liveWait({ shownView: 'all', handedAt: 1_000, drawMs: 3_000 }, 'all', 16_000)).toBe(0);
  });

  it('lets live data straight through a fast map and never holds it longer than the cap', () => {
    expect(liveWait({ shownView: 'all', handedAt: 1_000, drawMs: 10 }, 'all', 1_100)).toBe(0);
    expect(liveWait({ shownView: 'all', handedAt: 0, drawMs: 60_000 }, 'all', 0)).toBe(60_000 + MAX_LIVE_WAIT_MS);
  });
});
