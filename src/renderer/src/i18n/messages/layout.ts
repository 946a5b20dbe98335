/** Messages of the wall layout (tab scroll buttons, the KPI strip's caption); zh-CN is the reference, en must have every key. */
export const zh = {
  'wall.nav.earlier': '前面的态势墙',
  'wall.nav.later': '后面的态势墙',
  'kpis.personsCaption': '可保障人数（{unit}）',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'wall.nav.earlier': 'Earlier walls',
  'wall.nav.later': 'More walls',
  'kpis.personsCaption': 'Persons supported ({unit})',
};
