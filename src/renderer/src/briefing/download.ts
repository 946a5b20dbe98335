import { takeBridgeToken } from '../bridge/token';

/**
 * Starts the browser's own download of a file the host offers at a one-time address of its
 * origin; the session token goes with it, as it does with the bridge.
 */
export function startDownload(path: string, name: string): void {
  const token = takeBridgeToken({ location: window.location, history: window.history, storage: window.sessionStorage }) ?? '';
  const link = document.createElement('a');
  link.href = `${path}?token=${encodeURIComponent(token)}`;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}
