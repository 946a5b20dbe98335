/** The leading hex digits shown for a hash; the full value stays in a title/data attribute. */
export const shortHash = (hash: string, length = 12): string => hash.slice(0, length);
