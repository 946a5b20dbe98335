import { Fragment, useMemo } from 'react';
import type { RegistryOverview, RegistryVerifier } from '../../../../shared/contract/registry-schemas';
import { regionName } from '../../emergency/region-name';
import { formatNumber } from '../../format/numbers';
import { useLocale, useT } from '../../i18n';
import { ResourceActions } from './ResourceActions';

type Resource = RegistryOverview['resources'][number];

/**
 * The civilian resources the reserve can call on now (onboarded, available), the verifier's own
 * province first: a verifier records their use in the asset's meter kind or suspends them.
 */
export function OnboardedList({ resources, verifier }: { resources: Resource[]; verifier: RegistryVerifier }) {
  const t = useT();
  const locale = useLocale();
  const rows = useMemo(
    () => (verifier ? [...resources.filter((r) => r.region === verifier.region), ...resources.filter((r) => r.region !== verifier.region)] : resources),
    [resources, verifier],
  );
  if (rows.length === 0) return <p className="panel-empty">{t('registry.onboarded.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="registry-onboarded">
        <thead>
          <tr>
            <th scope="col">{t('registry.col.asset')}</th>
            <th scope="col">{t('registry.col.kind')}</th>
            <th scope="col">{t('registry.col.region')}</th>
            <th scope="col" className="num">
              {t('registry.col.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <Fragment key={r.resourceId}>
              <tr data-asset={r.assetId} className={verifier?.region === r.region ? 'registry-own' : undefined}>
                <th scope="row" title={r.assetId}>
                  {r.name}
                </th>
                <td>{t(`registry.resource.${r.kind}`)}</td>
                <td>{regionName(locale, r.region)}</td>
                <td className="num">{r.amount === null ? '—' : `${formatNumber(locale, r.amount)} ${r.unit ?? ''}`.trim()}</td>
              </tr>
              {verifier?.region === r.region && (
                <tr className="registry-action-row" data-resource-actions={r.assetId}>
                  <td colSpan={4}>
                    <ResourceActions resource={r} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
