import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Dialog } from 'electron';
import { electronBriefingDelivery } from '../../src/main/electron/briefing-save';

/*
 * The Electron binary cannot run on this build machine: the save dialog is a stand-in with the
 * shape of Electron's dialog.showSaveDialog; the copy it leads to is real.
 */
describe('briefing saved where the officer chooses (stand-in Electron dialog)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inrs-briefing-save-'));
  const pdf = join(dir, 'briefing-national-20261204T100000Z.pdf');
  writeFileSync(pdf, '%PDF-1.7 body');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const standInDialog = (answer: { canceled: boolean; filePath?: string }, asked: unknown[]) =>
    ({
      showSaveDialog: async (...args: unknown[]) => {
        asked.push(args.at(-1));
        return { canceled: answer.canceled, filePath: answer.filePath ?? '' };
      },
    }) as unknown as Pick<Dialog, 'showSaveDialog'>;

  it('copies the PDF to the chosen file, offering the briefing’s name in the documents folder', async () => {
    const asked: unknown[] = [];
    const chosen = join(dir, 'chosen.pdf');
    const delivery = electronBriefingDelivery({ dialog: standInDialog({ canceled: false, filePath: chosen }, asked), window: () => null, defaultDir: () => '/home/officer/Documents' });
    await expect(delivery.deliver(pdf, 'briefing-national-20261204T100000Z.pdf')).resolves.toEqual({ kind: 'saved', file: chosen });
    expect(readFileSync(chosen, 'utf8')).toBe('%PDF-1.7 body');
    expect(asked).toEqual([{ defaultPath: '/home/officer/Documents/briefing-national-20261204T100000Z.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] }]);
  });

  it('says so when the officer closes the dialog, and writes nothing', async () => {
    const delivery = electronBriefingDelivery({ dialog: standInDialog({ canceled: true }, []), window: () => null, defaultDir: () => dir });
    await expect(delivery.deliver(pdf, 'x.pdf')).resolves.toEqual({ kind: 'cancelled' });
  });
});
