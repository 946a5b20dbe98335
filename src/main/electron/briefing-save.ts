import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import type { BriefingDelivery } from '../host/briefing-delivery';

export interface ElectronSaveDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  /** The window the dialog belongs to (the one the officer works in); none: an app-wide dialog. */
  window: () => BrowserWindow | null;
  /** Where the dialog opens: the user's documents folder. */
  defaultDir: () => string;
}

/**
 * Under Electron a written briefing is saved where the officer chooses: the system save dialog,
 * then a copy of the PDF there (the host's own copy stays in the briefings folder).
 */
export function electronBriefingDelivery(deps: ElectronSaveDeps): BriefingDelivery {
  return {
    deliver: async (file, name) => {
      const options = { defaultPath: join(deps.defaultDir(), name), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
      const win = deps.window();
      const choice = win ? await deps.dialog.showSaveDialog(win, options) : await deps.dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { kind: 'cancelled' };
      await copyFile(file, choice.filePath);
      return { kind: 'saved', file: choice.filePath };
    },
  };
}
