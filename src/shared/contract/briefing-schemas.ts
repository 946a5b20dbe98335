import { z } from 'zod';

/** The app's briefing export: a PDF of the situation written into the data folder's briefings/. */
export const briefingExportRequestSchema = z.strictObject({
  /** An ISO instant with its zone; figures as they stood then (replayed). Absent: the replica as it is. */
  at: z.iso.datetime({ offset: true }).optional(),
  /** One province (adcode); absent: the whole country. */
  region: z.string().regex(/^\d{6}$/, 'region must be a 6-digit adcode').optional(),
});

export const briefingExportResultSchema = z.object({
  /** Absolute path of the PDF written. */
  file: z.string(),
  pages: z.number().int().positive(),
  bytes: z.number().int().positive(),
  /** Data-as-of time of the figures. */
  asOf: z.string().nullable(),
  scope: z.string().nullable(),
  millis: z.number().nonnegative(),
});

export type BriefingExportRequest = z.output<typeof briefingExportRequestSchema>;
export type BriefingExportResponse = z.output<typeof briefingExportResultSchema>;

/** Hands a briefing the host wrote to the officer: a download in the browser, a save dialog under Electron. */
export const briefingDeliverRequestSchema = z.strictObject({
  /** The file `briefing:export` answered; only files in the briefings folder are handed out. */
  file: z.string().min(1),
});

export const briefingDeliverResultSchema = z.discriminatedUnion('kind', [
  /** Browser host: a one-time address (same origin) the page downloads the PDF from. */
  z.object({ kind: z.literal('download'), url: z.string().startsWith('/'), name: z.string() }),
  /** Electron: copied where the officer chose. */
  z.object({ kind: z.literal('saved'), file: z.string() }),
  /** Electron: the officer closed the save dialog. */
  z.object({ kind: z.literal('cancelled') }),
]);

export type BriefingDeliverResponse = z.output<typeof briefingDeliverResultSchema>;
