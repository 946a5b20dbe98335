import { describe, expect, it } from 'vitest';
import { placeTooltip } from './tooltip-place';

describe('map tooltip placement', () => {
  it('sits below right of the pointer when it fits', () => {
    expect(placeTooltip(100, 100, 200, 80, 1000, 600)).toEqual({ left: 116, top: 116 });
  });

  it('flips to the left and above near the right and bottom edges', () => {
    expect(placeTooltip(950, 580, 200, 80, 1000, 600)).toEqual({ left: 734, top: 484 });
  });

  it('stays inside a container smaller than the way around the pointer', () => {
    expect(placeTooltip(100, 40, 180, 80, 200, 100)).toEqual({ left: 0, top: 0 });
  });
});
