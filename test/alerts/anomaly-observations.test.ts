import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnomalyObservations } from '../../src/core/alerts/anomaly-observations';
import { createKeyFile } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import type { EventDraft } from '../../src/shared/domain/events';
import { sealAll } from '../helpers/small-log';
import { seededReplica } from './support/seeded-replica';

/*
 * Consumption anomaly scores on a real encrypted replica seeded with every province's log: the
 * daily issues rebuilt from the log, scored by augurs against the same category in every
 * province; an issue far above the others' that day, appended to the log as sync would, raises
 * the score past the usual 3.5 with the day, the value and the band as evidence.
 */
const seeded = seededReplica('inrs-anomaly-obs-');

const REGION = '430000';
const day = (d: number) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);

/** A province's log: one depot, one rice lot, and one issue a day of the quantities given (day 1 onwards). */
function dailyLog(region: string, issues: readonly number[]): EventDraft[] {
  const officer = { subject: `CN=officer,OU=${region}`, role: 'duty-officer' } as const;
  const operator = { subject: `CN=operator,OU=${region}`, role: 'depot-operator' } as const;
  const depot = `${region.slice(0, 4)}00-D001`;
  const lotId = `L${region}-000001`;
  const instruction = `I-${region}-0001`;
  const t = (d: number) => `${day(d)}T09:00:00.000Z`;
  return [
    { region, type: 'region.declared', eventTime: t(0), actor: officer, instructionId: null, payload: { adcode: region, nameZh: region, nameEn: region, level: 'province' } },
    {
      region, type: 'category.defined', eventTime: t(0), actor: officer, instructionId: null,
      payload: { code: 'GR-RICE', nameZh: '稻谷', nameEn: 'Paddy rice', unit: '吨', unitEn: 't', class: 'grain', shelfLifeDays: 1095, perCapitaDaily: 0.0005, safetyFloorShare: 0.3 },
    },
    {
      region, type: 'depot.registered', eventTime: t(0), actor: officer, instructionId: null,
      payload: { code: depot, nameZh: depot, nameEn: depot, adcode: `${region.slice(0, 4)}00`, lon: 112, lat: 28, operatorKind: 'national', capacity: { grain: 50000 } },
    },
    {
      region, type: 'instruction.issued', eventTime: t(0), actor: officer, instructionId: null,
      payload: { id: instruction, kind: 'procurement', level: 'province', issuer: officer.subject, lines: [{ category: 'GR-RICE', quantity: 20000, toDepot: depot }] },
    },
    {
      region, type: 'lot.intake', eventTime: t(0), actor: operator, instructionId: instruction,
      payload: { lotId, depot, category: 'GR-RICE', quantity: 20000, productionDate: '2025-12-01', expiryDate: '2028-12-01', grade: 'A', origin: region },
    },
    ...issues.map((quantity, d): EventDraft => ({
      region, type: 'stock.issued', eventTime: t(d + 1), actor: operator, instructionId: instruction,
      payload: { lotId, depot, quantity, recipient: '应急管理局' },
    })),
  ];
}

describe('consumption anomaly observations', () => {
  it('score each category the region issues, only for the regions asked, on the replica’s data day', () => {
    const observe = createAnomalyObservations(seeded().db);
    const obs = observe([REGION]);
    expect(obs.length).toBeGreaterThan(0);
    expect(obs.every((o) => o.region === REGION && o.measure === 'consumption-anomaly' && o.subject === `consumption:${REGION}:${o.category}` && o.value >= 0)).toBe(true);
    // The same replica, asked again: the same scores (series kept per head, not rebuilt differently).
    expect(observe([REGION])).toEqual(obs);
    expect(observe([])).toEqual([]);
  });

  it('an issue far above the ordinary band of the provinces that day scores as an outlier, with its evidence', () => {
    // Four provinces issuing rice every day for five weeks at about their own level; Hunan issues ten times its level on the last day.
    const dir = mkdtempSync(join(tmpdir(), 'inrs-anomaly-daily-'));
    const other = openReplica(join(dir, 'daily.db'), createKeyFile(join(dir, 'daily.key')), { create: true });
    try {
      const regions = ['430000', '420000', '440000', '450000'];
      const last = 35;
      for (const [r, region] of regions.entries()) {
        const level = 10 * (r + 1);
        const daily = Array.from({ length: last }, (_, d) => level + ((d * 7 + r) % 5) - 2);
        if (region === REGION) daily[last - 1] = level * 10;
        other.projector.applyBatch(region, sealAll(dailyLog(region, daily)));
      }
      const observed = createAnomalyObservations(other.db)([REGION, '420000']);
      const hunan = observed.find((o) => o.region === REGION && o.category === 'GR-RICE');
      const hubei = observed.find((o) => o.region === '420000' && o.category === 'GR-RICE');
      expect(hunan?.value).toBeGreaterThan(3.5);
      expect(hubei?.value).toBeLessThan(3.5);
      expect(hunan?.evidence).toMatchObject({ kind: 'outlier', day: day(last), value: 100 });
      expect(hunan?.evidence?.value).toBeGreaterThan(hunan?.evidence?.expectedHigh ?? Infinity);
      expect(hunan?.evidence?.expectedLow).toBeLessThanOrEqual(hunan?.evidence?.expectedHigh ?? -Infinity);
      // Only the regions asked are observed.
      expect(new Set(observed.map((o) => o.region))).toEqual(new Set([REGION, '420000']));
    } finally {
      other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
