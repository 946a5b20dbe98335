import type { RenderMode } from '../data/layer-data';

/** Software rasterisers: fine for a few thousand points, seconds per frame past that. */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

export const isSoftwareRenderer = (renderer: string | null): boolean => renderer !== null && SOFTWARE.test(renderer);

export interface RenderChoice {
  mode: RenderMode;
  /** Why: the GPU was detected as software, or the page forced a mode. */
  reason: 'hardware' | 'software' | 'forced';
  renderer: string | null;
}

/** `?render=full|aggregated` wins; otherwise software rendering gets the aggregated view. */
export function chooseRenderMode(search: string, renderer: string | null): RenderChoice {
  const forced = new URLSearchParams(search).get('render');
  if (forced === 'full' || forced === 'aggregated') return { mode: forced, reason: 'forced', renderer };
  return isSoftwareRenderer(renderer) ? { mode: 'aggregated', reason: 'software', renderer } : { mode: 'full', reason: 'hardware', renderer };
}

/** The unmasked renderer string of a WebGL context, when the browser exposes it. */
export function webglRenderer(gl: WebGLRenderingContext | WebGL2RenderingContext | null): string | null {
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const value: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof value === 'string' ? value : null;
}

/** Probes a throwaway context once, before the map creates its own, and releases it. */
export function probeRenderer(): string | null {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  const renderer = webglRenderer(gl);
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  return renderer;
}
