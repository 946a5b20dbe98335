import { getInrs } from '../../bridge';
import { regionName } from '../../emergency/region-name';
import { formatNumber } from '../../format/numbers';
import { useHostQuery } from '../../hooks/useHostQuery';
import { useLocale, useT } from '../../i18n';
import { situationSelectors, useSituationStore } from '../../stores/situation-store';
import type { RegistryOverview } from '../../../../shared/contract/registry-schemas';
import './registry.css';

const STEPS = ['registered', 'verified', 'onboarded'] as const;

/** Registered → verified → onboarded per province and asset kind, with what fell out (failed, suspended, withdrawn). */
export function RegistryPipeline({ region }: { region: string | null }) {
  const t = useT();
  const locale = useLocale();
  const version = useSituationStore(situationSelectors.situation)?.dataVersion;
  const { value, error } = useHostQuery(version === undefined ? null : `${version}|${region ?? ''}`, () => getInrs().registry.overview({ region }));
  const rows = value?.pipeline ?? [];
  const total = (step: keyof RegistryOverview['pipeline'][number]) => rows.reduce((n, r) => n + (typeof r[step] === 'number' ? r[step] : 0), 0);
  return (
    <section className="panel registry-panel" data-testid="registry-pipeline" data-status={value ? 'ready' : error ? 'error' : 'loading'}>
      <h2 className="panel-title">{t('registry.pipeline.title')}</h2>
      {error && <p className="panel-empty">{t('registry.failed', { message: error.message })}</p>}
      {value && rows.length === 0 && <p className="panel-empty">{t('registry.pipeline.empty')}</p>}
      {rows.length > 0 && (
        <>
          <ol className="registry-funnel" aria-label={t('registry.pipeline.title')}>
            {STEPS.map((step) => (
              <li key={step} data-step={step}>
                <span className="registry-funnel-count">{formatNumber(locale, total(step))}</span>
                <span className="registry-funnel-label">{t(`registry.state.${step}`)}</span>
              </li>
            ))}
          </ol>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('registry.col.region')}</th>
                  <th scope="col">{t('registry.col.kind')}</th>
                  {(['registered', 'verified', 'onboarded', 'failed', 'suspended', 'withdrawn'] as const).map((s) => (
                    <th key={s} scope="col" className="num">
                      {t(`registry.state.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.region}|${r.kind}`} data-region={r.region} data-kind={r.kind}>
                    <th scope="row">{regionName(locale, r.region)}</th>
                    <td>{t(`registry.kind.${r.kind}`)}</td>
                    {(['registered', 'verified', 'onboarded', 'failed', 'suspended', 'withdrawn'] as const).map((s) => (
                      <td key={s} className="num" data-state={s}>
                        {formatNumber(locale, r[s])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
