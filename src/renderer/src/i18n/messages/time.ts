/** Messages of the time-zone setting; zh-CN is the reference, en must have every key. */
export const zh = {
  'time.zone': '时间显示时区',
  'time.zone.Asia/Shanghai': '北京时间（UTC+8）',
  'time.zone.Asia/Urumqi': '乌鲁木齐时间（UTC+6）',
  'time.zone.UTC': '协调世界时（UTC）',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'time.zone': 'Show times in',
  'time.zone.Asia/Shanghai': 'Beijing time (UTC+8)',
  'time.zone.Asia/Urumqi': 'Urumqi time (UTC+6)',
  'time.zone.UTC': 'Coordinated Universal Time (UTC)',
};
