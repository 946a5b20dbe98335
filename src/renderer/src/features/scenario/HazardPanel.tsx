import { useRef } from 'react';
import { regionName } from '../../emergency/region-name';
import { formatPercent, formatTenThousands } from '../../format/numbers';
import { useTimeFormat } from '../../format/time-zone-store';
import { useLocale, useT } from '../../i18n';
import { wholeNumber } from '../../walls/optimisation/optim-format';
import { importErrorText } from './import-error';
import { LEVEL_COLOURS } from './scenario-layers';
import { listText } from './list-text';
import { scenarioSelectors, useScenarioStore } from './scenario-store';

const css = ([r, g, b]: readonly number[]) => `rgb(${r}, ${g}, ${b})`;

/**
 * Hazard import: a warning file picked by the officer is read by the page and handed to the
 * host, which checks it, finds the provinces its areas cover and estimates the people there. A
 * refused file is named with its problem and changes nothing.
 */
export function HazardPanel() {
  const t = useT();
  const locale = useLocale();
  const time = useTimeFormat();
  const hazard = useScenarioStore(scenarioSelectors.hazard);
  const importing = useScenarioStore(scenarioSelectors.importing);
  const { importFile } = useScenarioStore(scenarioSelectors.actions);
  const input = useRef<HTMLInputElement>(null);

  return (
    <section className="panel scenario-hazard" data-testid="hazard-panel" data-status={importing.status} data-regions={hazard?.regions.map((r) => r.region).join(',') ?? ''}>
      <h2 className="panel-title">{t('hazard.title')}</h2>
      <div className="scenario-row">
        <input
          ref={input}
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          className="scenario-file"
          data-testid="hazard-file"
          aria-label={t('hazard.pick')}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
        <button type="button" className="dispatch-primary" data-testid="hazard-import" disabled={importing.status === 'importing'} onClick={() => input.current?.click()}>
          {importing.status === 'importing' ? t('hazard.importing', { file: importing.fileName }) : t('hazard.import')}
        </button>
        {hazard && (
          <span className="panel-note" data-testid="hazard-file-name">
            {t('hazard.file', { file: hazard.fileName, time: time(hazard.importedAt) })}
          </span>
        )}
      </div>
      {importing.status === 'failed' && (
        <p className="scenario-error" role="alert" data-testid="hazard-error">
          {importErrorText(t, importing.fileName, importing.failure)}
        </p>
      )}
      {!hazard && importing.status !== 'failed' && <p className="panel-note">{t('hazard.none')}</p>}
      {hazard && (
        <>
          <p className="scenario-summary" data-testid="hazard-summary" data-population={hazard.population}>
            {t('hazard.summary', {
              features: hazard.features.length,
              area: wholeNumber(locale, hazard.areaKm2),
              regions: hazard.regions.length,
              people: formatTenThousands(locale, hazard.population),
            })}
          </p>
          <table className="data-table compact" data-testid="hazard-regions">
            <thead>
              <tr>
                <th scope="col">{t('hazard.col.region')}</th>
                <th scope="col">{t('hazard.col.level')}</th>
                <th scope="col" className="num">
                  {t('hazard.col.share')}
                </th>
                <th scope="col" className="num">
                  {t('hazard.col.people')}
                </th>
              </tr>
            </thead>
            <tbody>
              {hazard.regions.map((r) => (
                <tr key={r.region} data-region={r.region} data-population={r.population}>
                  <th scope="row">{regionName(locale, r.region)}</th>
                  <td>
                    <span className="scenario-level" style={{ borderColor: css(LEVEL_COLOURS[r.level]), color: css(LEVEL_COLOURS[r.level]) }}>
                      {t(`hazard.level.${r.level}`)}
                    </span>{' '}
                    {listText(locale, r.hazardTypes.map((h) => t(`hazard.type.${h}`)))}
                  </td>
                  <td className="num">{formatPercent(locale, r.share)}</td>
                  <td className="num">{formatTenThousands(locale, r.population)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="panel-note">{t('hazard.basis')}</p>
        </>
      )}
    </section>
  );
}
