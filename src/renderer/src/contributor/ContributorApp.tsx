import type { ContributorInfo } from '../../../shared/contract';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { regionName } from '../emergency/region-name';
import { useDocumentLang } from '../hooks/useDocumentLang';
import { useLocale, useT } from '../i18n';
import { MyAssets } from './MyAssets';
import { MyInstructions } from './MyInstructions';
import { RegisterAsset } from './RegisterAsset';
import { useOwnAssets } from './useOwnAssets';
import '../features/registry/registry.css';
import './contributor.css';

/**
 * A civilian contributor's workstation: only the contributor's own assets, read over its
 * registry-only session; no wall, map or figure of the reserve is part of this view.
 */
export function ContributorApp({ info }: { info: ContributorInfo }) {
  useDocumentLang();
  const t = useT();
  const locale = useLocale();
  const assets = useOwnAssets();
  return (
    <div className="app contributor-app" data-testid="contributor-app" data-contributor={info.subject}>
      <header className="app-header">
        <div className="app-title">
          <h1 data-testid="app-title">{t('app.title')}</h1>
          <span className="app-subtitle">{t('contributor.title')}</span>
        </div>
        <div className="app-header-tools">
          <LanguageSwitch />
        </div>
      </header>
      <main className="contributor-body">
        <p className="contributor-who" data-testid="contributor-who">
          {t('contributor.signedIn', { name: info.name, region: regionName(locale, info.region), server: info.server })}
        </p>
        <p className="contributor-scope">{t('contributor.scope')}</p>
        <MyAssets state={assets} />
        <MyInstructions round={assets.round} />
        <RegisterAsset onRegistered={assets.reload} />
      </main>
    </div>
  );
}
