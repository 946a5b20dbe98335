import { BASEMAP_MANIFEST, BASEMAP_PATH, BASEMAP_SCHEME } from '../../../../shared/basemap/manifest';

/**
 * Where the host serves the basemap: Electron on its own scheme (a file:// page cannot fetch
 * files), the browser host beside the page. Both are the app's own; nothing leaves the machine.
 */
export function basemapBaseUrl(win: Pick<Window, 'location'> & { inrs?: unknown } = window): string {
  if (win.inrs) return `${BASEMAP_SCHEME}://basemap/`;
  return new URL(`.${BASEMAP_PATH}`, win.location.href).href;
}

export const manifestUrl = (base: string): string => new URL(BASEMAP_MANIFEST, base).href;
