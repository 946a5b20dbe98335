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
