import { describe, expect, it } from 'vitest';
import { mapMessages, mapText, toMapLocale } from './map-messages';

describe('map messages', () => {
  it('has every key in both languages', () => {
    expect(Object.keys(mapMessages.en).sort()).toEqual(Object.keys(mapMessages['zh-CN']).sort());
  });

  it('fills parameters and follows the page language', () => {
    expect(mapText('en')('layerFailed', { layer: 'x' })).toBe('Layer "x" could not be drawn and is hidden');
    expect(mapText('zh-CN')('demoBasemap')).toBe('示意底图，非标准地图');
    expect(mapText('en')('demoBasemap')).toBe('Illustrative basemap, not a standard map');
    expect(toMapLocale('en-GB')).toBe('en');
    expect(toMapLocale('zh-CN')).toBe('zh-CN');
    expect(toMapLocale('')).toBe('zh-CN');
  });
});
