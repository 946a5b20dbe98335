/** Messages of the replay feature; zh-CN is the reference, en must have every key. */
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
