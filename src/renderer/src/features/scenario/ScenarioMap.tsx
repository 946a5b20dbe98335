import { useMemo } from 'react';
import { regionName } from '../../emergency/region-name';
import { nameOf } from '../../format/labels';
import { formatTenThousands } from '../../format/numbers';
import { useLocale, useT } from '../../i18n';
import { MapView, type MapOverlay } from '../../map/MapView';
import { depotSelectors, useDepotStore } from '../../stores/depot-store';
import { situationSelectors, useSituationStore } from '../../stores/situation-store';
import { wholeNumber } from '../../walls/optimisation/optim-format';
import { ScenarioLegend } from './ScenarioLegend';
import { mapFrame, scenarioBounds } from './plan-figures';
import { hazardAreas, labelPoint, overlayCount, scenarioLayers, type ScenarioLabel, type ScenarioOverlayInput } from './scenario-layers';
import { scenarioSelectors, useScenarioStore } from './scenario-store';

const NO_BANDS = { classes: [], categories: [], riskBands: [] };

/**
 * The scenario on the map: the warned areas by level, the affected provinces in full colour (the
 * others faded) with the people estimated there; after a run, for the plan, day and category
 * chosen, each province's stock (red below its floor) and the day's flows between provinces.
 */
export function ScenarioMap() {
  const t = useT();
  const locale = useLocale();
  const full = useSituationStore(situationSelectors.situation);
  const categories = useSituationStore(situationSelectors.categories);
  const hazard = useScenarioStore(scenarioSelectors.hazard);
  const draft = useScenarioStore(scenarioSelectors.draft);
  const run = useScenarioStore(scenarioSelectors.result);
  const view = useScenarioStore(scenarioSelectors.view);
  const { showPlan, showDay, showCategory } = useScenarioStore(scenarioSelectors.actions);
  const { open } = useDepotStore(depotSelectors.actions);
  // The provinces' risk colours under the scenario; depots, transfers and alerts are the other walls'.
  const situation = useMemo(() => (full ? { ...full, depots: [], transfers: [], alerts: [] } : null), [full]);
  const affected = useMemo(() => (run ? run.scenario.affected.map((a) => a.region) : (draft?.affected.map((a) => a.region) ?? hazard?.regions.map((r) => r.region) ?? [])), [run, draft, hazard]);
  const filter = useMemo(() => ({ ...NO_BANDS, regions: affected }), [affected]);
  const plan = run?.result.plans.find((p) => p.id === view.plan) ?? null;
  // Stock where it matters to the plan: the affected provinces and the ones it may draw on.
  const shownRegions = useMemo(() => {
    const sources = run?.scenario.plans.find((p) => p.id === view.plan)?.sourceRegions;
    return !sources || sources === 'all' ? null : new Set([...affected, ...sources]);
  }, [run, view.plan, affected]);
  const frame = useMemo(() => (plan && view.category ? mapFrame(plan, view.day, view.category, shownRegions) : null), [plan, view.day, view.category, shownRegions]);
  // Framed on the warned areas and the provinces concerned; the officer pans from there.
  const bounds = useMemo(() => scenarioBounds(hazard ? hazardAreas(hazard) : { polygons: [], circles: [] }, affected), [hazard, affected]);
  const category = categories.find((c) => c.code === view.category);
  const unit = category ? (locale === 'zh-CN' ? category.unit : category.unitEn) : '';

  const overlay = useMemo((): MapOverlay | null => {
    let labels: ScenarioLabel[] = [];
    if (frame) {
      const sending = new Set(frame.flows.map((f) => f.from));
      labels = frame.stock
        .filter((s) => affected.includes(s.region) || sending.has(s.region))
        .map((s) => ({ position: [s.lon, s.lat] as [number, number], text: `${regionName(locale, s.region)} ${wholeNumber(locale, s.quantity)} ${unit}` }));
    } else if (hazard) {
      labels = hazard.regions.flatMap((r) => {
        const at = labelPoint(r.region);
        return at ? [{ position: at, text: t('scenario.map.people', { region: regionName(locale, r.region), people: formatTenThousands(locale, r.population) }) }] : [];
      });
    }
    if (!hazard && !frame) return null;
    const key = `${hazard?.importedAt ?? ''}|${run?.at ?? ''}|${view.plan}|${view.day}|${view.category}|${locale}`;
    const input: ScenarioOverlayInput = { hazard, labels, frame, key };
    return { key, count: overlayCount(input), build: (beforeId) => scenarioLayers(input, beforeId), legend: <ScenarioLegend hazard={hazard !== null} frame={frame !== null} /> };
  }, [hazard, frame, affected, run, view, locale, unit, t]);

  return (
    <section className="panel scenario-map" data-testid="scenario-map" data-plan={view.plan ?? ''} data-day={view.day} data-category={view.category ?? ''} data-flows={frame?.flows.length ?? 0}>
      {/* Always there, so the map keeps its size (and its frame) when a run arrives. */}
      <div className="scenario-map-controls">
        <label className="scenario-field">
          <span>{t('scenario.map.plan')}</span>
          <select data-testid="map-plan" disabled={!run} value={view.plan ?? ''} onChange={(e) => showPlan(e.target.value)}>
            {(run?.result.plans ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.id}
              </option>
            ))}
          </select>
        </label>
        <label className="scenario-field">
          <span>{t('scenario.map.category')}</span>
          <select data-testid="map-category" disabled={!run} value={view.category ?? ''} onChange={(e) => showCategory(e.target.value)}>
            {(run?.result.categories ?? []).map((c) => {
              const named = categories.find((x) => x.code === c.code);
              return (
                <option key={c.code} value={c.code}>
                  {named ? nameOf(locale, named) : c.code}
                </option>
              );
            })}
          </select>
        </label>
        <label className="scenario-field scenario-grow">
          <span data-testid="map-day-label">{run ? t('scenario.map.day', { day: view.day + 1, days: run.result.days }) : t('scenario.map.noRun')}</span>
          <input type="range" min={0} max={Math.max(0, (run?.result.days ?? 1) - 1)} step={1} value={view.day} disabled={!run} data-testid="map-day" aria-label={t('scenario.map.daySlider')} onChange={(e) => showDay(Number(e.target.value))} />
        </label>
      </div>
      <div className="scenario-map-canvas">
        {situation && <MapView situation={situation} filter={filter} onSelectProvince={() => {}} onSelectDepot={(code) => void open(code)} {...(bounds ? { focusBounds: bounds } : {})} {...(overlay ? { overlay } : {})} />}
      </div>
    </section>
  );
}
