import { getInrs } from '../../bridge';
import { regionName } from '../../emergency/region-name';
import { actorDisplayName } from '../../format/actor-name';
import { useHostQuery } from '../../hooks/useHostQuery';
import { useLocale, useT } from '../../i18n';
import { situationSelectors, useSituationStore } from '../../stores/situation-store';
import './registry.css';

/** Assets registered and waiting for a verifier's on-site inspection, oldest first. */
export function RegistryPending({ region }: { region: string | null }) {
  const t = useT();
  const locale = useLocale();
  const version = useSituationStore(situationSelectors.situation)?.dataVersion;
  const { value, error } = useHostQuery(version === undefined ? null : `${version}|${region ?? ''}`, () => getInrs().registry.overview({ region }));
  const pending = value?.pending ?? [];
  return (
    <section className="panel registry-panel" data-testid="registry-pending" data-status={value ? 'ready' : error ? 'error' : 'loading'}>
      <h2 className="panel-title">{t('registry.pending.title', { count: pending.length })}</h2>
      {error && <p className="panel-empty">{t('registry.failed', { message: error.message })}</p>}
      {value && pending.length === 0 && <p className="panel-empty">{t('registry.pending.empty')}</p>}
      {pending.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('registry.col.asset')}</th>
                <th scope="col">{t('registry.col.kind')}</th>
                <th scope="col">{t('registry.col.where')}</th>
                <th scope="col">{t('registry.col.owner')}</th>
                <th scope="col">{t('registry.col.since')}</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((a) => (
                <tr key={a.assetId} data-asset={a.assetId}>
                  <th scope="row" title={a.assetId}>
                    {a.name}
                  </th>
                  <td>{t(`registry.kind.${a.kind}`)}</td>
                  <td title={a.assetRegion}>{regionName(locale, `${a.assetRegion.slice(0, 2)}0000`)}</td>
                  <td title={a.owner}>{actorDisplayName(a.owner)}</td>
                  <td>{a.registeredAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
