import { NATIONAL_REGION, PROVINCES } from '../../../shared/domain/provinces';
import { nameOf } from '../format/labels';
import type { Locale } from '../i18n';

const byCode = new Map([NATIONAL_REGION, ...PROVINCES].map((p) => [p.adcode, p]));

/** A region's name in the UI language, or its adcode when it is not a province. */
export function regionName(locale: Locale, adcode: string): string {
  const province = byCode.get(adcode);
  return province ? nameOf(locale, province) : adcode;
}
