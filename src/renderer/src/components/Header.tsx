import { useT } from '../i18n';
import { searchSelectors, useSearchStore } from '../stores/search-store';
import { ConnectionBadge } from './ConnectionBadge';
import { LanguageSwitch } from './LanguageSwitch';
import { WallTabs } from './WallTabs';
import { BriefingButton } from '../briefing/BriefingButton';
import { SettingsButton } from '../settings/DisplaySettings';

export function Header() {
  const t = useT();
  const { show } = useSearchStore(searchSelectors.actions);
  return (
    <header className="app-header">
      <div className="app-title">
        <h1 data-testid="app-title">{t('app.title')}</h1>
        <span className="app-subtitle">{t('app.subtitle')}</span>
      </div>
      <WallTabs />
      <div className="app-header-tools">
        <button type="button" data-testid="search-open" onClick={show} title={t('search.hint')}>
          {t('search.open')}
        </button>
        <SettingsButton />
        <BriefingButton />
        <ConnectionBadge />
        <LanguageSwitch />
      </div>
    </header>
  );
}
