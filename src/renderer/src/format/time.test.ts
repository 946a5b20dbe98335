import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, formatInstant, zoneInputToIso, zoneLabel } from './time';

describe('one time format for every panel', () => {
  it('shows Beijing time by default, with the zone', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Shanghai');
    expect(formatInstant('2026-11-26T03:07:17Z')).toBe('2026-11-26 11:07 UTC+8');
    // Across midnight and a year end, not a string cut of the UTC text.
    expect(formatInstant('2026-12-31T16:30:00.000Z')).toBe('2027-01-01 00:30 UTC+8');
  });

  it('shows the configured zone instead', () => {
    expect(formatInstant('2026-11-26T03:07:17Z', 'UTC')).toBe('2026-11-26 03:07 UTC');
    expect(formatInstant('2026-11-26T03:07:17Z', 'Asia/Urumqi')).toBe('2026-11-26 09:07 UTC+6');
    expect(zoneLabel('Asia/Shanghai')).toBe('UTC+8');
  });

  it('leaves what is not an instant as it is', () => {
    expect(formatInstant('')).toBe('');
    expect(formatInstant('not a time')).toBe('not a time');
  });

  it('reads a typed time in the zone back to the same instant', () => {
    expect(zoneInputToIso('2025-06-30T20:00')).toBe('2025-06-30T12:00:00.000Z');
    expect(zoneInputToIso('2025-06-30T20:00', 'UTC')).toBe('2025-06-30T20:00:00.000Z');
    expect(zoneInputToIso('30/06/2025')).toBeNull();
    const iso = zoneInputToIso('2026-01-01T00:30', 'Asia/Urumqi')!;
    expect(formatInstant(iso, 'Asia/Urumqi')).toBe('2026-01-01 00:30 UTC+6');
  });
});
