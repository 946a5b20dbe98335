import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export const APP_DIR_NAME = 'INRS Command Center';

/**
 * Where the app keeps its replica when nothing is configured: INRS_DATA_DIR, else the
 * platform's per-user application data folder (the same place Electron's userData uses).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.INRS_DATA_DIR) return env.INRS_DATA_DIR;
  if (process.platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  // The XDG spec counts an empty or relative value as unset: never a folder in the current directory.
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.config'), APP_DIR_NAME);
}

export const DEMO_REPLICA = 'demo-replica.db';
export const DEMO_KEY_FILE = 'demo-replica.key';
