import { describe, expect, it } from 'vitest';
import { chooseRenderMode, isSoftwareRenderer } from './render-mode';

const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';

describe('render mode', () => {
  it('recognises software rasterisers', () => {
    expect(isSoftwareRenderer(SWIFTSHADER)).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('Microsoft Basic Render Driver')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareRenderer(null)).toBe(false);
  });

  it('aggregates on software rendering and draws every depot on a GPU', () => {
    expect(chooseRenderMode('', SWIFTSHADER)).toEqual({ mode: 'aggregated', reason: 'software', renderer: SWIFTSHADER });
    expect(chooseRenderMode('', 'Mesa Intel(R) UHD Graphics 620').mode).toBe('full');
  });

  it('lets ?render= force either view', () => {
    expect(chooseRenderMode('?render=full', SWIFTSHADER)).toMatchObject({ mode: 'full', reason: 'forced' });
    expect(chooseRenderMode('?token=x&render=aggregated', 'NVIDIA')).toMatchObject({ mode: 'aggregated', reason: 'forced' });
    expect(chooseRenderMode('?render=bogus', SWIFTSHADER).reason).toBe('software');
  });
});
