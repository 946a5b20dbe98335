/** Calendar months as 'YYYY-MM' and as a running index (year·12 + month − 1), for month arithmetic. */
export const monthIndex = (ym: string): number => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
export const monthName = (index: number): string => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
/** Calendar month 1 … 12 of a running index. */
export const calendarMonth = (index: number): number => (index % 12) + 1;

/**
 * The last month a lot may be sold in: the month before the one it expires in, so it leaves
 * the depot with at least the rest of that month of life.
 */
export const sellByIndex = (expiryDate: string): number => monthIndex(expiryDate.slice(0, 7)) - 1;
