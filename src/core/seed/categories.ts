import type { PayloadOf } from '../../shared/domain/events';

export type CategoryDefinition = PayloadOf<'category.defined'>;

/**
 * Reference categories declared in the national log. For durable goods (tents, beds,
 * equipment) `perCapitaDaily` is the per-person need spread over a 30-day response, so
 * days-of-cover figures stay comparable with consumables.
 */
export const CATEGORIES: readonly CategoryDefinition[] = [
  // grain — tonnes; 0.5 kg/person/day of grain
  { code: 'GR-RICE', nameZh: '稻谷', nameEn: 'Paddy rice', unit: '吨', unitEn: 't', class: 'grain', shelfLifeDays: 1095, perCapitaDaily: 0.0005, safetyFloorShare: 0.3 },
  { code: 'GR-WHEAT', nameZh: '小麦', nameEn: 'Wheat', unit: '吨', unitEn: 't', class: 'grain', shelfLifeDays: 1460, perCapitaDaily: 0.0005, safetyFloorShare: 0.3 },
  { code: 'GR-CORN', nameZh: '玉米', nameEn: 'Maize', unit: '吨', unitEn: 't', class: 'grain', shelfLifeDays: 1095, perCapitaDaily: 0.0004, safetyFloorShare: 0.25 },
  { code: 'GR-FLOUR', nameZh: '面粉', nameEn: 'Wheat flour', unit: '吨', unitEn: 't', class: 'grain', shelfLifeDays: 365, perCapitaDaily: 0.0003, safetyFloorShare: 0.35 },
  // oil — tonnes; about 30 g/person/day
  { code: 'OL-SOY', nameZh: '大豆油', nameEn: 'Soybean oil', unit: '吨', unitEn: 't', class: 'oil', shelfLifeDays: 730, perCapitaDaily: 0.00003, safetyFloorShare: 0.3 },
  { code: 'OL-RAPE', nameZh: '菜籽油', nameEn: 'Rapeseed oil', unit: '吨', unitEn: 't', class: 'oil', shelfLifeDays: 730, perCapitaDaily: 0.00003, safetyFloorShare: 0.3 },
  { code: 'OL-PEANUT', nameZh: '花生油', nameEn: 'Peanut oil', unit: '吨', unitEn: 't', class: 'oil', shelfLifeDays: 540, perCapitaDaily: 0.00002, safetyFloorShare: 0.25 },
  // energy — tonnes
  { code: 'EN-DIESEL', nameZh: '柴油', nameEn: 'Diesel', unit: '吨', unitEn: 't', class: 'energy', shelfLifeDays: 365, perCapitaDaily: 0.0002, safetyFloorShare: 0.35 },
  { code: 'EN-GASOLINE', nameZh: '汽油', nameEn: 'Gasoline', unit: '吨', unitEn: 't', class: 'energy', shelfLifeDays: 365, perCapitaDaily: 0.00015, safetyFloorShare: 0.3 },
  { code: 'EN-LPG', nameZh: '液化石油气', nameEn: 'Liquefied petroleum gas', unit: '吨', unitEn: 't', class: 'energy', shelfLifeDays: 730, perCapitaDaily: 0.0001, safetyFloorShare: 0.25 },
  // shelter
  { code: 'SH-TENT', nameZh: '救灾帐篷', nameEn: 'Relief tent', unit: '顶', unitEn: 'tent', class: 'shelter', shelfLifeDays: 3650, perCapitaDaily: 0.008, safetyFloorShare: 0.4 },
  { code: 'SH-QUILT', nameZh: '棉被', nameEn: 'Cotton quilt', unit: '床', unitEn: 'quilt', class: 'shelter', shelfLifeDays: 1825, perCapitaDaily: 0.034, safetyFloorShare: 0.35 },
  { code: 'SH-COAT', nameZh: '棉大衣', nameEn: 'Padded coat', unit: '件', unitEn: 'piece', class: 'shelter', shelfLifeDays: 1825, perCapitaDaily: 0.034, safetyFloorShare: 0.3 },
  { code: 'SH-BED', nameZh: '折叠床', nameEn: 'Folding bed', unit: '张', unitEn: 'bed', class: 'shelter', shelfLifeDays: 3650, perCapitaDaily: 0.034, safetyFloorShare: 0.3 },
  // water — a case is 24 × 0.5 L, 3 L/person/day
  { code: 'WA-BOTTLE', nameZh: '瓶装饮用水', nameEn: 'Bottled drinking water', unit: '箱', unitEn: 'case', class: 'water', shelfLifeDays: 730, perCapitaDaily: 0.25, safetyFloorShare: 0.4 },
  { code: 'WA-TABLET', nameZh: '净水片', nameEn: 'Water purification tablets', unit: '盒', unitEn: 'box', class: 'water', shelfLifeDays: 1095, perCapitaDaily: 0.01, safetyFloorShare: 0.3 },
  { code: 'WA-PURIFIER', nameZh: '移动净水设备', nameEn: 'Mobile water purifier', unit: '台', unitEn: 'unit', class: 'water', shelfLifeDays: 3650, perCapitaDaily: 0.00001, safetyFloorShare: 0.2 },
  // medical
  { code: 'MD-KIT', nameZh: '家庭急救包', nameEn: 'First-aid kit', unit: '箱', unitEn: 'case', class: 'medical', shelfLifeDays: 1095, perCapitaDaily: 0.0007, safetyFloorShare: 0.35 },
  { code: 'MD-DISINF', nameZh: '含氯消毒剂', nameEn: 'Chlorine disinfectant', unit: '升', unitEn: 'L', class: 'medical', shelfLifeDays: 730, perCapitaDaily: 0.02, safetyFloorShare: 0.3 },
  { code: 'MD-MASK', nameZh: '医用外科口罩', nameEn: 'Surgical masks', unit: '箱', unitEn: 'case', class: 'medical', shelfLifeDays: 1095, perCapitaDaily: 0.0005, safetyFloorShare: 0.3 },
  // power
  { code: 'PW-GEN', nameZh: '柴油发电机组', nameEn: 'Diesel generator set', unit: '台', unitEn: 'unit', class: 'power', shelfLifeDays: 5475, perCapitaDaily: 0.00003, safetyFloorShare: 0.25 },
  { code: 'PW-STATION', nameZh: '移动储能电源', nameEn: 'Portable power station', unit: '台', unitEn: 'unit', class: 'power', shelfLifeDays: 2920, perCapitaDaily: 0.0002, safetyFloorShare: 0.25 },
  { code: 'PW-LAMP', nameZh: '应急照明灯', nameEn: 'Emergency lamp', unit: '件', unitEn: 'piece', class: 'power', shelfLifeDays: 1825, perCapitaDaily: 0.0013, safetyFloorShare: 0.3 },
];
