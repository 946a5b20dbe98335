import { Fragment } from 'react';
import { regionName } from '../emergency/region-name';
import { formatNumber } from '../format/numbers';
import { isMessageKey, useLocale, useT } from '../i18n';
import type { OwnAssetsState } from './useOwnAssets';
import { WithdrawAction } from './WithdrawAction';

const CLOSED = new Set(['withdrawn', 'failed']);

/** The contributor's assets: state, where, when registered and verified, contribution units; withdraw. */
export function MyAssets({ state }: { state: OwnAssetsState }) {
  const t = useT();
  const locale = useLocale();
  const { assets, error, loading, reload } = state;
  const total = (assets ?? []).reduce((n, a) => n + a.balance, 0);
  const stateName = (state: string) => {
    const key = `registry.state.${state}`;
    return isMessageKey(key) ? t(key) : state;
  };
  return (
    <section className="panel contributor-assets" data-testid="my-assets" data-status={assets ? 'ready' : error ? 'error' : 'loading'} data-count={assets?.length ?? ''}>
      <div className="contributor-assets-head">
        <h2 className="panel-title">{t('contributor.title')}</h2>
        <button type="button" onClick={reload} disabled={loading} data-testid="my-assets-refresh">
          {t('contributor.refresh')}
        </button>
      </div>
      {error && (
        <p className="contributor-error" role="alert">
          {t('contributor.failed', { message: error.message })}
        </p>
      )}
      {!assets && !error && <p className="panel-empty">{t('contributor.loading')}</p>}
      {assets && (
        <ul className="registry-funnel contributor-figures">
          <li>
            <span className="registry-funnel-count">{formatNumber(locale, assets.length)}</span>
            <span className="registry-funnel-label">{t('contributor.count')}</span>
          </li>
          <li>
            <span className="registry-funnel-count" data-testid="my-assets-total">
              {formatNumber(locale, total)}
            </span>
            <span className="registry-funnel-label">{t('contributor.total')}</span>
          </li>
        </ul>
      )}
      {assets?.length === 0 && <p className="panel-empty">{t('contributor.empty')}</p>}
      {assets && assets.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('registry.col.asset')}</th>
                <th scope="col">{t('registry.col.kind')}</th>
                <th scope="col">{t('registry.col.where')}</th>
                <th scope="col">{t('registry.col.state')}</th>
                <th scope="col">{t('registry.col.since')}</th>
                <th scope="col">{t('contributor.col.verified')}</th>
                <th scope="col" className="num">
                  {t('contributor.col.balance')}
                </th>
              </tr>
            </thead>
            <tbody>
              {assets.map((a) => (
                <Fragment key={a.assetId}>
                  <tr data-asset={a.assetId} data-state={a.state}>
                    <th scope="row" title={a.assetId}>
                      {a.name}
                      <small className="contributor-asset-id">{a.assetId}</small>
                    </th>
                    <td>{t(`registry.kind.${a.kind}`)}</td>
                    <td>{regionName(locale, a.region)}</td>
                    <td>{stateName(a.state)}</td>
                    <td>{a.registeredAt.slice(0, 10)}</td>
                    <td>{a.verifiedAt?.slice(0, 10) ?? '—'}</td>
                    <td className="num">{formatNumber(locale, a.balance)}</td>
                  </tr>
                  {!CLOSED.has(a.state) && (
                    <tr className="registry-action-row">
                      <td colSpan={7}>
                        <WithdrawAction assetId={a.assetId} onDone={reload} />
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
