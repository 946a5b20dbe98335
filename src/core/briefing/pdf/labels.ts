import type { CategoryClass } from '../../../shared/domain/events';
import type { EmergencyLevel, RiskBand } from '../../../shared/domain/risk-index';

/** The printed briefing's terms, as the app's Chinese interface words them. */
export const CLASS_ZH: Readonly<Record<CategoryClass, string>> = {
  grain: '粮食',
  oil: '食用油',
  energy: '能源',
  shelter: '帐篷被服',
  water: '净水',
  medical: '医疗',
  power: '发电',
};

export const BAND_ZH: Readonly<Record<RiskBand, string>> = { low: '低', guarded: '关注', elevated: '较高', high: '高', severe: '严重' };

export const LEVEL_ZH: Readonly<Record<EmergencyLevel, string>> = { normal: '常态', IV: 'Ⅳ级', III: 'Ⅲ级', II: 'Ⅱ级', I: 'Ⅰ级' };

export const ALERT_KIND_ZH: Readonly<Record<string, string>> = {
  'under-floor': '低于安全线',
  expiring: '临期',
  expired: '已过期',
  discrepancy: '账实不符',
  anomaly: '异常',
  chain: '链校验',
  'break-glass': '紧急单签Ⅰ级',
};

export const SEVERITY_ZH: Readonly<Record<string, string>> = { critical: '紧急', warning: '警告', info: '提示' };

export const EVENT_ZH: Readonly<Record<string, string>> = {
  'lot.intake': '入库',
  'stock.transfer-out': '调出',
  'stock.transfer-in': '调入',
  'stock.issued': '出库',
  'stock.inspected': '盘点',
  'stock.rotated': '轮换',
  'stock.disposed': '报废',
  'event.corrected': '更正',
};

export const label = (table: Readonly<Record<string, string>>, key: string): string => table[key] ?? key;

/** Grouped integer ("12,345") or one decimal for small figures. */
export function num(n: number, digits = 0): string {
  return n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** A share that may be undefined (nothing planned): a dash. */
export const pctOrDash = (share: number | null | undefined): string => (share === null || share === undefined ? '—' : pct(share));

/** Persons in units of 10,000 (万人), the figure a reserve officer states. */
export const tenThousands = (persons: number): string => num(persons / 10_000, persons < 100_000 ? 1 : 0);
