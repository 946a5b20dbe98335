/** Print colours and sizes of the briefing: black on white paper, risk colours as on the app's map. */
export const INK = '#1b2430';
export const MUTED = '#5d6b7d';
export const RULE = '#c9d1dc';
export const ZEBRA = '#f1f4f8';
export const ACCENT = '#0f4c81';
export const CRITICAL = '#b3261e';
export const WARNING = '#b26a00';

export const PAGE = { size: 'A4', layout: 'landscape', margin: 40 } as const;
export const FONT = { regular: 'sc', bold: 'sc-bold' } as const;
export const SIZE = { title: 26, heading: 15, body: 10, table: 8.5, small: 7.5 } as const;
