import { useT } from '../i18n';
import { ConnectionBadge } from './ConnectionBadge';
import { LanguageSwitch } from './LanguageSwitch';

export function Header() {
  const t = useT();
  return (
    <header className="app-header">
      <div className="app-title">
        <h1 data-testid="app-title">{t('app.title')}</h1>
        <span className="app-subtitle">{t('app.subtitle')}</span>
      </div>
      <div className="app-header-tools">
        <ConnectionBadge />
        <LanguageSwitch />
      </div>
    </header>
  );
}
