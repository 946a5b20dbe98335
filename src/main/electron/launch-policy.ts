import type { App } from 'electron';
import { DEBUG_SWITCHES, debugSwitchesIn, parseHostArgs, type HostArgs } from '../host/host-args';

/** What the launch policy reads of Electron's app object (a stand-in in unit tests). */
export type LaunchApp = Pick<App, 'isPackaged'> & { commandLine: Pick<App['commandLine'], 'hasSwitch'> };

/**
 * The page the windows load and trust as the app's own. The dev server's URL is honoured only
 * in development: a packaged app always loads its own built page, whatever the environment says.
 */
export function rendererUrlFor(app: Pick<LaunchApp, 'isPackaged'>, env: NodeJS.ProcessEnv, builtPage: string): string {
  const dev = env.ELECTRON_RENDERER_URL;
  return !app.isPackaged && dev ? dev : builtPage;
}

/** Devtools in workstation windows: always in development, in a packaged build only with --allow-devtools. */
export function devtoolsAllowed(app: Pick<LaunchApp, 'isPackaged'>, args: Pick<HostArgs, 'allowDevtools'>): boolean {
  return !app.isPackaged || args.allowDevtools;
}

/**
 * The Electron shell's arguments. A packaged app refuses every debugging switch, whether it
 * reached process.argv, Chromium's command line or Node's execArgv; in development they pass.
 */
export function parseElectronArgs(
  app: LaunchApp,
  argv: readonly string[],
  execArgv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  /** Only the release workflow's end-to-end build (INRS_E2E_BUILD=1 at build time) lets Playwright attach. */
  e2eBuild = false,
): HostArgs {
  const args = argv.slice(app.isPackaged ? 1 : 2);
  const allowDebugSwitches = !app.isPackaged || e2eBuild;
  if (!allowDebugSwitches) {
    const seen = new Set([...debugSwitchesIn(args), ...debugSwitchesIn(execArgv), ...DEBUG_SWITCHES.filter((s) => app.commandLine.hasSwitch(s)).map((s) => `--${s}`)]);
    if (seen.size > 0) throw new Error(`refused: ${[...seen].join(', ')}: debugging switches are not accepted by the packaged app`);
  }
  return parseHostArgs(args, { allowDebugSwitches, env });
}
