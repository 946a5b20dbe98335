import { describe, expect, it } from 'vitest';
import { en } from './en';
import { createI18n } from './i18next-instance';
import { isMessageKey, translate } from './translate';
import { zhCN } from './zh-CN';

describe('i18n (i18next)', () => {
  it('serves both dictionaries under the existing flat keys', () => {
    expect(translate('zh-CN', 'app.title')).toBe('智能国储指挥座舱');
    expect(translate('en', 'app.title')).toBe('INRS Command Center');
    expect(translate('en', 'kpi.depots')).toBe('Depots');
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('fills single-brace placeholders and leaves markup to React', () => {
    expect(translate('en', 'error.closed', { attempt: 3 })).toBe('The connection to the host was lost; reconnecting (attempt 3).');
    expect(translate('zh-CN', 'figures.persons', { cls: '粮食' })).toBe('粮食可保障');
    expect(translate('en', 'wall.failed', { wall: '<b>', message: 'x' })).toBe('The wall "<b>" failed to load: x');
  });

  it('starts in zh-CN and switches language', async () => {
    const i18n = createI18n();
    expect(i18n.language).toBe('zh-CN');
    await i18n.changeLanguage('en');
    expect(i18n.t('status.dataAsOf')).toBe('data as of');
  });

  it('recognises message keys built at run time', () => {
    expect(isMessageKey('band.severe')).toBe(true);
    expect(isMessageKey('band.purple')).toBe(false);
  });
});
