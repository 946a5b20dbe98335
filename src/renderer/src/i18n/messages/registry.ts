/** Messages of the civilian asset registry; zh-CN is the reference, en must have every key. */
export const zh = {
  'role.registry-verifier': '民间资产核验员',
  'registry.dispatch.civilian': '民间',
  'registry.dispatch.civilianHint': '民间代储物资：由所有人代国家储存，经核验入库；调用另计成本（每单位加计 24 小时）',
};

export const en: Record<keyof typeof zh, string> = {
  'role.registry-verifier': 'Registry verifier',
  'registry.dispatch.civilian': 'civilian',
  'registry.dispatch.civilianHint': 'Civilian stock held by its owner for the state, verified and onboarded; calling on it costs extra (24 hours per unit)',
};
