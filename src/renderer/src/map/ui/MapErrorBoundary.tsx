import { Component, type ReactNode } from 'react';
import { mapText, toMapLocale } from '../i18n/map-messages';

interface State {
  message: string | null;
}

/** Keeps a broken map from taking the page down; says what broke instead. */
export class MapErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { message: null };

  static getDerivedStateFromError(error: unknown): State {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown): void {
    console.warn(`map: stopped after an error: ${(error as Error)?.message ?? String(error)}`);
  }

  override render() {
    if (this.state.message === null) return this.props.children;
    const t = mapText(toMapLocale(document.documentElement.lang));
    return (
      <div className="map-view" data-testid="map" data-map-ready="false">
        <div className="map-notice map-notice-problem" data-testid="map-basemap-problem">
          {t('basemapFailed', { message: this.state.message })}
        </div>
      </div>
    );
  }
}
