/** Messages of the civilian asset registry; zh-CN is the reference, en must have every key. */
export const zh = {
  'role.registry-verifier': '民间资产核验员',
};

export const en: Record<keyof typeof zh, string> = {
  'role.registry-verifier': 'Registry verifier',
};
