import { Fragment, useMemo, useState } from 'react';
import { getInrs } from '../../bridge';
import { regionName } from '../../emergency/region-name';
import { actorDisplayName } from '../../format/actor-name';
import { useHostQuery } from '../../hooks/useHostQuery';
import { useLocale, useT } from '../../i18n';
import { situationSelectors, useSituationStore } from '../../stores/situation-store';
import { VerifierActions } from './VerifierActions';
import { OnboardedList } from './OnboardedList';
import './registry.css';

/**
 * Assets waiting for a verifier, oldest first: registered ones for the on-site inspection, then
 * verified ones to onboard. A workstation holding a verifier's certificate acts on its province's.
 */
export function RegistryPending({ region }: { region: string | null }) {
  const t = useT();
  const locale = useLocale();
  const version = useSituationStore(situationSelectors.situation)?.dataVersion;
  const { value, error } = useHostQuery(version === undefined ? null : `${version}|${region ?? ''}`, () => getInrs().registry.overview({ region }));
  const { value: verifier } = useHostQuery('verifier', () => getInrs().registry.verifier());
  // A verifier's own province first: the rows it can act on are the ones it came for.
  const pending = useMemo(() => {
    const rows = value?.pending ?? [];
    return verifier ? [...rows.filter((a) => a.region === verifier.region), ...rows.filter((a) => a.region !== verifier.region)] : rows;
  }, [value, verifier]);
  const inspections = pending.filter((a) => a.state === 'registered').length;
  const [list, setList] = useState<'pending' | 'onboarded'>('pending');
  const onboarded = value?.resources.length ?? 0;
  const acts = (a: (typeof pending)[number]) => verifier !== null && verifier.region === a.region;
  return (
    <section
      className="panel registry-panel"
      data-testid="registry-pending"
      data-status={value ? 'ready' : error ? 'error' : 'loading'}
      data-list={list}
      data-verifier={verifier?.region ?? ''}
    >
      <h2 className="panel-title">
        {t('registry.pending.title', { count: inspections })}
        {pending.length > inspections && <small className="registry-to-onboard">{t('registry.pending.toOnboard', { count: pending.length - inspections })}</small>}
      </h2>
      <div className="registry-lists" role="tablist" aria-label={t('registry.lists.label')}>
        <button type="button" role="tab" aria-selected={list === 'pending'} data-list="pending" onClick={() => setList('pending')}>
          {t('registry.lists.pending', { count: pending.length })}
        </button>
        <button type="button" role="tab" aria-selected={list === 'onboarded'} data-list="onboarded" onClick={() => setList('onboarded')}>
          {t('registry.lists.onboarded', { count: onboarded })}
        </button>
      </div>
      {verifier && <p className="registry-verifier-line">{t('registry.verifier.signedIn', { name: verifier.name, region: regionName(locale, verifier.region) })}</p>}
      {error && <p className="panel-empty">{t('registry.failed', { message: error.message })}</p>}
      {list === 'onboarded' && value && <OnboardedList resources={value.resources} verifier={verifier ?? null} />}
      {list === 'pending' && value && pending.length === 0 && <p className="panel-empty">{t('registry.pending.empty')}</p>}
      {list === 'pending' && pending.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('registry.col.asset')}</th>
                <th scope="col">{t('registry.col.kind')}</th>
                <th scope="col">{t('registry.col.where')}</th>
                <th scope="col">{t('registry.col.owner')}</th>
                <th scope="col">{t('registry.col.since')}</th>
                <th scope="col">{t('registry.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((a) => (
                <Fragment key={a.assetId}>
                  <tr data-asset={a.assetId} data-state={a.state} className={acts(a) ? 'registry-own' : undefined}>
                    <th scope="row" title={a.assetId}>
                      {a.name}
                    </th>
                    <td>{t(`registry.kind.${a.kind}`)}</td>
                    <td title={a.assetRegion}>{regionName(locale, `${a.assetRegion.slice(0, 2)}0000`)}</td>
                    <td title={a.owner}>{actorDisplayName(a.owner)}</td>
                    <td>{a.registeredAt.slice(0, 10)}</td>
                    <td>{t(`registry.state.${a.state}`)}</td>
                  </tr>
                  {/* The verifier's step on a row of its own across the table, so a form never widens a column. */}
                  {acts(a) && (
                    <tr className="registry-action-row" data-asset-actions={a.assetId} data-state={a.state} aria-label={t('registry.col.action')}>
                      <td colSpan={6}>
                        <VerifierActions asset={a} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
