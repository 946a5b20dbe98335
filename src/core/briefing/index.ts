/** Briefings: a PDF of the situation for reading offline, and signed briefing packages of a replica subset. */
export { exportBriefing, type BriefingExportOptions, type BriefingExportResult } from './export';
export { gatherBriefing, type BriefingData, type BriefingRequest } from './briefing-data';
export { BriefingError, type BriefingErrorCode } from './errors';
export { locateFonts, FONT_PACKAGE } from './font';
