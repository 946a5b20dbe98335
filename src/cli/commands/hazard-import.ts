import { parseArgs } from 'node:util';
import { estimateAffected, hazardScenario, HazardFileError, loadProvinceAreas, readHazardFile } from '../../core/hazard';
import { writeJsonOutput } from '../../core/json-file';
import { MAX_DAYS } from '../../core/simulate/scenario';
import { PROVINCES } from '../../shared/domain/provinces';
import { CliError, requireOption } from '../cli-error';

export const hazardImportHelp = `inrs hazard import --file FILE.geojson [--basemap FILE.geojson] [--share F] [--days N] [--out SCENARIO.json]
  Hazard warning import: the provinces a warning file's polygons and points (with a radius)
  cover, the covered area and an estimate of the people in it (census population × covered
  share of the province's area); --out writes a scenario for inrs simulate with them, a share F
  (0 < F ≤ 1, default 1) of those people to supply, from the day each warning starts.
  File format: README, "Hazard files".`;

const names = new Map(PROVINCES.map((p) => [p.adcode, p.nameEn]));
const fmt = (n: number) => Math.round(n).toLocaleString('en');

export function runHazardImport(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: { file: { type: 'string' }, basemap: { type: 'string' }, share: { type: 'string' }, days: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const file = requireOption(values, 'file');
  const share = values.share === undefined ? 1 : Number(values.share);
  if (!(share > 0 && share <= 1)) throw new CliError('--share must be a number within 0…1 (above 0)');
  const days = values.days === undefined ? undefined : Number(values.days);
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= MAX_DAYS)) throw new CliError(`--days must be a whole number within 1…${MAX_DAYS}`);
  try {
    const features = readHazardFile(file);
    const estimate = estimateAffected(features, loadProvinceAreas(values.basemap));
    for (const r of estimate.regions) {
      process.stdout.write(
        `${r.region} ${names.get(r.region) ?? ''}: ${fmt(r.areaKm2)} km² (${(r.share * 100).toFixed(1)} % of the province), ` +
          `about ${fmt(r.population)} people; ${r.hazardTypes.join('+')} ${r.level}, ${r.validFrom} – ${r.validTo}\n`,
      );
    }
    const people = estimate.regions.reduce((n, r) => n + r.population, 0);
    process.stdout.write(
      `${features.length} features, ${fmt(estimate.areaKm2)} km² (${fmt(estimate.outsideKm2)} outside the provinces): ` +
        `${estimate.regions.length} regions, about ${fmt(people)} people\n`,
    );
    if (values.out) {
      const scenario = hazardScenario(estimate, { share, ...(days !== undefined ? { days } : {}), title: `${file}` });
      writeJsonOutput(values.out, scenario, HazardFileError);
      process.stdout.write(`scenario over ${scenario.days} days for ${fmt(scenario.affected.reduce((n, a) => n + a.population, 0))} people; wrote ${values.out}\n`);
    }
  } catch (err) {
    if (err instanceof HazardFileError) throw new CliError(err.message, 2);
    throw err;
  }
}
