/** Messages of the briefing feature; zh-CN is the reference, en must have every key. */
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
