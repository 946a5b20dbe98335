import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, type ChannelName } from '../../src/shared/contract';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { ReplicaClient } from '../../src/core/replica/replica-client';
import { createAppHandlers } from '../../src/main/host/app-host';
import { createDispatcher, type Dispatch } from '../../src/main/host/dispatcher';
import { startChainWatch, type ChainWatch } from '../../src/main/host/chain-watch';
import { HostEventHub } from '../../src/main/host/host-events';
import { loadAlertRuleSet } from '../../src/core/alerts/default-rules';
import { REGION, sealAll, smallDrafts } from '../helpers/small-log';
const ALERT_RULES = loadAlertRuleSet();
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createDownloadOffers } from '../../src/main/browser/download-offers';
import { tmpdir } from 'node:os';

const APP = 'http://127.0.0.1:4870';
const fromApp = { origin: APP, topFrame: true };

const situationValid = [
  { filter: {} },
  { filter: { classes: ['grain'], categories: ['GR-RICE'], regions: ['430000'], riskBands: ['low', 'severe'] } },
  { filter: { regions: ['110000'] } },
];
const situationInvalid = [
  undefined,
  {},
  { filter: null },
  { filter: { classes: ['gold'] } },
  { filter: { regions: ['43'] } },
  { filter: { riskBands: ['red'] } },
  { filter: { categories: ['x'.repeat(65)] } },
  { filter: { regions: Array.from({ length: 41 }, () => '430000') } },
];

/** Signed commands: this host runs offline, so a valid one is answered not-connected (never bad-request). */
const offlineCommands = new Set<ChannelName>(['emergency:propose', 'emergency:cosign', 'emergency:cancel', 'emergency:break-glass', 'emergency:countersign', 'dispatch:issue', 'instructions:acknowledge', 'instructions:forward', 'optimisation:issue-rotation', 'alerts:publish', 'alerts:acknowledge', 'alerts:assign', 'alerts:resolve', 'registry:verify', 'registry:onboard', 'registry:suspend', 'registry:meter']);

/** A saved plan: the smallest recommendation the contract takes. */
const savedPlan = {
  recommendation: {
    scenario: { regions: ['430000'], population: { '430000': 1000 }, durationDays: 7, coldSeason: false },
    plan: { flows: [], shortfalls: [], objective: 0, status: 'optimal' },
    explanation: { demandByCategory: [], supplyByCategory: [], binding: [], shortfalls: [], notes: [] },
    areas: [],
    size: { depots: 0, demandPoints: 0, categories: 0 },
    solveMillis: 0,
  },
  lines: [{ key: 'A|430000|RICE', text: '12', removed: false }],
  mapCategory: null,
  savedAt: null,
};

/** Every channel with requests that must pass and requests that must be refused as bad-request. */
/** A briefing in the test replica's briefings folder (its path is known once the folder is made). */
const writtenBriefing = { file: '' };

const cases: Record<ChannelName, { valid: unknown[]; invalid: unknown[] }> = {
  'app:info': { valid: [undefined], invalid: [{ x: 1 }, 'info', 42] },
  'replica:stats': { valid: [undefined], invalid: [{}, null, 'all'] },
  'replica:provinces': { valid: [undefined], invalid: [[], { region: REGION }] },
  'depots:search': {
    valid: [{ query: '长沙' }, { query: '430200', limit: 5 }, { query: '  Depot  ', limit: 200 }],
    invalid: [undefined, {}, { query: '' }, { query: '   ' }, { query: 'x'.repeat(65) }, { query: 'a', limit: 0 }, { query: 'a', limit: 201 }, { query: 'a', limit: 1.5 }, { query: 7 }],
  },
  'depots:detail': {
    valid: [{ code: '430100-D001' }, { code: '430200-D001' }],
    invalid: [undefined, {}, { code: '' }, { code: 'x'.repeat(65) }, { code: 7 }, '430100-D001'],
  },
  'categories:list': { valid: [undefined], invalid: [{}, 'all', null] },
  'situation:snapshot': { valid: situationValid, invalid: situationInvalid },
  'situation:kpis': { valid: situationValid, invalid: situationInvalid },
  'replay:range': { valid: [undefined], invalid: [{}, 'all', 42] },
  'replay:snapshot': {
    valid: [{ at: '2026-01-05T12:00:00Z', filter: {} }, { at: '2025-01-01T00:00:00Z', filter: { classes: ['grain'] } }],
    invalid: [undefined, {}, { filter: {} }, { at: 'yesterday', filter: {} }, { at: '2026-01-05T12:00:00Z' }, { at: '2026-01-05T12:00:00Z', filter: { classes: ['gold'] } }],
  },
  'replay:kpis': {
    valid: [{ at: '2026-01-08T00:00:00Z', filter: {} }],
    invalid: [undefined, { at: 1767225600000, filter: {} }, { at: '2026-01-08', filter: {} }],
  },
  'situation:trend': {
    valid: [{ region: '430000', filter: {} }, { region: '430000', filter: { classes: ['grain'] }, days: 7 }, { region: '110000', filter: {}, days: 366 }],
    invalid: [undefined, { filter: {} }, { region: '43', filter: {} }, { region: '430000' }, { region: '430000', filter: {}, days: 6 }, { region: '430000', filter: {}, days: 367 }, { region: '430000', filter: {}, days: 1.5 }],
  },
  'instructions:list': {
    valid: [{ filter: {} }, { filter: { regions: ['430000'] }, limit: 1 }, { filter: { categories: ['GR-RICE'] }, limit: 200 }],
    invalid: [undefined, {}, { filter: {}, limit: 0 }, { filter: {}, limit: 201 }, { filter: { classes: ['gold'] } }],
  },
  'sync:links': { valid: [undefined], invalid: [{ region: '430000' }, 'all'] },
  'trace:lot': {
    valid: [{ lotId: 'L430000-000001' }],
    invalid: [undefined, {}, { lotId: '' }, { lotId: 'x'.repeat(65) }, { lotId: 7 }, 'L430000-000001'],
  },
  'trace:instruction': {
    valid: [{ id: 'I-430000-0001' }],
    invalid: [undefined, {}, { id: '' }, { id: 'x'.repeat(65) }, { instruction: 'I-430000-0001' }],
  },
  'trace:search': {
    valid: [{ query: 'L430000' }, { query: '430200-D001', limit: 1 }, { query: ' GR-RICE ', limit: 200 }],
    invalid: [undefined, {}, { query: '' }, { query: '   ' }, { query: 'x'.repeat(65) }, { query: 'L', limit: 0 }, { query: 'L', limit: 201 }, { query: 7 }],
  },
  'audit:chain-status': { valid: [undefined], invalid: [{}, 'all', { region: '430000' }] },
  'briefing:export': { valid: [{}, { region: '430000' }], invalid: [undefined, 'national', { region: '43' }, { at: 'yesterday' }, { at: '2026-01-05T00:00:00' }, { scope: 'all' }] },
  'briefing:deliver': { valid: [writtenBriefing], invalid: [undefined, {}, { file: '' }, '/etc/passwd', { file: '/x.pdf', as: 'y' }] },
  'identity:current': { valid: [undefined], invalid: [{}, 'me', { region: '430000' }] },
  'emergency:state': { valid: [undefined], invalid: [{}, 'all', { region: '430000' }] },
  'emergency:propose': {
    valid: [{ region: '430000', expectedLevel: 'normal', toLevel: 'II', plan: '防汛预案', reason: '洞庭湖水位超警戒' }],
    invalid: [undefined, {}, { region: '43', expectedLevel: 'normal', toLevel: 'II', plan: 'p', reason: 'r' }, { region: '430000', expectedLevel: 'normal', toLevel: 'V', plan: 'p', reason: 'r' }, { region: '430000', expectedLevel: 'normal', toLevel: 'II', plan: '  ', reason: 'r' }, { region: '430000', expectedLevel: 'normal', toLevel: 'II', plan: 'p', reason: 'x'.repeat(501) }],
  },
  'emergency:cosign': {
    valid: [{ region: '430000', expectedLevel: 'normal', proposalId: 'a1b2c3d4-proposal' }],
    invalid: [undefined, { region: '430000', expectedLevel: 'normal' }, { region: '430000', expectedLevel: 'red', proposalId: 'p' }, { region: '430000', expectedLevel: 'normal', proposalId: '' }],
  },
  'emergency:cancel': {
    valid: [{ region: '430000', proposalId: 'a1b2c3d4-proposal', reason: '水位回落' }],
    invalid: [undefined, { region: '430000', proposalId: 'p' }, { region: '430000', proposalId: 'p', reason: '' }, { proposalId: 'p', reason: 'r' }],
  },
  'emergency:break-glass': {
    valid: [{ region: '430000', expectedLevel: 'II', plan: '特大洪水', reason: '溃堤' }],
    invalid: [undefined, { region: '430000', expectedLevel: 'II', plan: 'p' }, { region: '430000', plan: 'p', reason: 'r' }, { region: 430000, expectedLevel: 'II', plan: 'p', reason: 'r' }],
  },
  'emergency:countersign': { valid: [{ region: '430000' }], invalid: [undefined, {}, { region: '4300' }, '430000'] },
  'dispatch:recommend': {
    valid: [
      { scenario: { regions: ['430000'], population: { '430000': 1000 }, durationDays: 3 } },
      { scenario: { regions: ['430000', '420000'], population: { '430000': 5000, '420000': 1 }, durationDays: 90, coldSeason: true, roadFactor: 1.5, speedKmh: 50 }, runId: 'run-1' },
    ],
    invalid: [
      undefined,
      {},
      { scenario: { regions: [], population: {}, durationDays: 3 } },
      { scenario: { regions: ['43'], population: { '43': 10 }, durationDays: 3 } },
      { scenario: { regions: ['430000'], population: {}, durationDays: 3 } },
      { scenario: { regions: ['430000', '430000'], population: { '430000': 10 }, durationDays: 3 } },
      { scenario: { regions: ['430000'], population: { '430000': 0 }, durationDays: 3 } },
      { scenario: { regions: ['430000'], population: { '430000': 10 }, durationDays: 0 } },
      { scenario: { regions: ['430000'], population: { '430000': 10 }, durationDays: 1.5 } },
      { scenario: { regions: ['430000'], population: { '430000': 10 }, durationDays: 91 } },
      { scenario: { regions: ['430000'], population: { '430000': 10 }, durationDays: 3, roadFactor: 0.5 } },
      { scenario: { regions: ['430000'], population: { '430000': 10 }, durationDays: 3 }, runId: '' },
    ],
  },
  'dispatch:issue': {
    valid: [{ lines: [{ from: '430100-D001', to: '430000', category: 'GR-RICE', quantity: 10 }], label: '湖南 7 天' }],
    invalid: [
      undefined,
      {},
      { lines: [], label: 'x' },
      { lines: [{ from: '430100-D001', to: '430000', category: 'GR-RICE', quantity: 10 }] },
      { lines: [{ from: '430100-D001', to: '430000', category: 'GR-RICE', quantity: 10 }], label: '   ' },
      { lines: [{ from: '430100-D001', to: '430000', category: 'GR-RICE', quantity: 0 }], label: 'x' },
      { lines: [{ from: '430100-D001', to: '430000', category: 'GR-RICE', quantity: 2.5 }], label: 'x' },
      { lines: [{ from: '430100-D001', to: '43', category: 'GR-RICE', quantity: 1 }], label: 'x' },
      { lines: [{ from: '', to: '430000', category: 'GR-RICE', quantity: 1 }], label: 'x' },
    ],
  },
  'instructions:acknowledge': {
    valid: [{ region: '430000', instructionId: 'I-430000-0001' }],
    invalid: [undefined, {}, { region: '43', instructionId: 'I-430000-0001' }, { region: '430000', instructionId: '' }, { region: '430000' }],
  },
  'instructions:forward': {
    valid: [{ region: '430000', instructionId: 'I-000000-0001-430000' }],
    invalid: [undefined, {}, { region: '43', instructionId: 'I-000000-0001-430000' }, { region: '430000', instructionId: 'x'.repeat(65) }, { instructionId: 'I-1' }],
  },
  'displays:list': { valid: [undefined], invalid: [{}, 'all', 0] },
  'dispatch:plan-current': { valid: [undefined], invalid: [{}, 'plan', 1] },
  'dispatch:plan-save': {
    valid: [{ plan: savedPlan }],
    invalid: [undefined, {}, { plan: { ...savedPlan, lines: [{ key: '', text: '1', removed: false }] } }, { plan: { ...savedPlan, recommendation: {} } }],
  },
  'dispatch:plan-clear': { valid: [{ regions: ['430000'] }], invalid: [undefined, { regions: [] }, { regions: ['43'] }] },
  'optimisation:rotation': { valid: [{ region: REGION }, { region: null, months: 6, runId: 'r1' }], invalid: [undefined, {}, { region: '43' }, { region: null, months: 0 }, { region: null, months: 37 }] },
  'optimisation:issue-rotation': {
    valid: [{ rotations: [{ lot: 'L1', depot: '430100-D001', category: 'GR-RICE', quantity: 5, month: '2027-01' }], label: '湖南轮换' }],
    invalid: [undefined, { rotations: [], label: 'x' }, { rotations: [{ lot: 'L1', depot: 'D', category: 'GR-RICE', quantity: 1.5, month: '2027-01' }], label: 'x' }, { rotations: [{ lot: 'L1', depot: 'D', category: 'GR-RICE', quantity: 1, month: '2027-1' }], label: 'x' }],
  },
  'optimisation:costs': { valid: [{ region: REGION }, { region: null }], invalid: [undefined, {}, { region: '4300' }] },
  'optimisation:layout': { valid: [{ region: REGION }, { region: REGION, maxOpen: 1, runId: 'l1' }], invalid: [undefined, { region: REGION, maxOpen: 0 }, { region: REGION, maxOpen: 1.5 }] },
  'optimisation:sizing': { valid: [{ region: REGION }, { region: null }], invalid: [undefined, { region: 'all' }] },
  'forecast:region': { valid: [{ region: REGION }], invalid: [undefined, {}, { region: '43' }] },
  'forecast:risk': { valid: [undefined], invalid: [{ region: REGION }] },
  'hazard:import': {
    valid: [
      {
        fileName: 'flood.geojson',
        text: JSON.stringify({
          type: 'FeatureCollection',
          features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [112.9, 28.2] }, properties: { hazardType: 'flood', level: 'red', radiusKm: 30, validFrom: '2026-07-10T08:00:00+08:00', validTo: '2026-07-11T08:00:00+08:00' } }],
        }),
      },
    ],
    invalid: [undefined, { fileName: '', text: '{}' }, { fileName: 'f', text: 'x'.repeat(900_001) }, { fileName: 'f', text: '{}', path: '/etc/passwd' }],
  },
  'scenario:run': {
    valid: [
      {
        runId: 'r1',
        scenario: { days: 3, affected: [{ region: REGION, population: 10, onsetDay: 0, durationDays: 3 }], plans: [{ id: 'own', sourceRegions: [REGION], dailyTransportTonnes: null, replenishLeadDays: null, belowFloor: false }] },
      },
    ],
    invalid: [
      undefined,
      { runId: 'r1', scenario: { days: 3, affected: [{ region: REGION, population: 10, onsetDay: 3, durationDays: 3 }], plans: [{ id: 'own', sourceRegions: 'all', dailyTransportTonnes: null, replenishLeadDays: null, belowFloor: false }] } },
      { runId: 'r1', scenario: { days: 3, affected: [], plans: [] } },
    ],
  },
  'scenario:cancel': { valid: [{ runId: 'r1' }], invalid: [undefined, { runId: '' }] },
  'scenario:current': { valid: [undefined], invalid: [{ runId: 'r1' }] },
  'alerts:list': { valid: [{ filter: {} }, { filter: { regions: [REGION] }, limit: 50 }], invalid: [undefined, { filter: {}, limit: 0 }, { filter: { regions: ['43'] } }] },
  'alerts:rules': { valid: [{ region: REGION }], invalid: [undefined, { region: '43' }] },
  'alerts:preview': { valid: [{ region: REGION, ruleSet: ALERT_RULES }], invalid: [{ region: REGION }, { region: REGION, ruleSet: { ...ALERT_RULES, version: 0 } }] },
  'alerts:publish': { valid: [{ region: REGION, ruleSet: ALERT_RULES }], invalid: [{ region: REGION, ruleSet: { ...ALERT_RULES, rules: [] } }] },
  'alerts:acknowledge': {
    valid: [{ region: REGION, alertId: 'rule:under-floor:depot:D1:grain', raisedAt: '2026-01-01T00:00:00.000Z', comment: '已调拨' }],
    invalid: [{ region: REGION, alertId: 'a', raisedAt: '2026-01-01T00:00:00.000Z', comment: '  ' }, { region: REGION, alertId: 'a', raisedAt: 'yesterday', comment: 'x' }],
  },
  'alerts:assign': {
    valid: [{ region: REGION, alertId: 'a', raisedAt: '2026-01-01T00:00:00.000Z', assignee: '王芳' }],
    invalid: [{ region: REGION, alertId: 'a', raisedAt: '2026-01-01T00:00:00.000Z', assignee: '' }],
  },
  'alerts:resolve': {
    valid: [{ region: REGION, alertId: 'a', raisedAt: '2026-01-01T00:00:00.000Z', comment: '已补库' }],
    invalid: [{ region: REGION, alertId: '', raisedAt: '2026-01-01T00:00:00.000Z', comment: 'x' }],
  },
  'registry:overview': { valid: [{ region: REGION }, { region: null }], invalid: [undefined, {}, { region: '43' }] },
  'registry:verifier': { valid: [undefined], invalid: [{ region: REGION }] },
  'registry:verify': {
    valid: [{ region: REGION, assetId: 'CA-1', passed: true, reason: '合格', evidence: [] }, { region: REGION, assetId: 'CA-1', passed: false, reason: 'x', evidence: ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'] }],
    invalid: [{ region: REGION, assetId: 'CA-1', passed: true, reason: ' ', evidence: [] }, { region: REGION, assetId: 'CA-1', passed: true, reason: 'x', evidence: ['photo.jpg'] }, { region: REGION, assetId: 'CA-1', reason: 'x', evidence: [] }],
  },
  'registry:onboard': { valid: [{ region: REGION, assetId: 'CA-1' }], invalid: [{ region: REGION }, { assetId: 'CA-1' }] },
  'registry:suspend': { valid: [{ region: REGION, assetId: 'CA-1', reason: '设备检修' }], invalid: [{ region: REGION, assetId: 'CA-1', reason: '' }, { region: REGION, assetId: 'CA-1' }] },
  'registry:meter': {
    valid: [{ region: REGION, assetId: 'CA-1', kind: 'storage-days', amount: 300 }],
    invalid: [{ region: REGION, assetId: 'CA-1', kind: 'storage-days', amount: 0 }, { region: REGION, assetId: 'CA-1', kind: 'parsecs', amount: 3 }, { region: REGION, assetId: 'CA-1', amount: 3 }],
  },
  // A reserve workstation answers these not-served: they belong to a contributor's workstation.
  'contributor:assets': { valid: [undefined], invalid: [{ region: REGION }] },
  'contributor:instructions': { valid: [undefined], invalid: [{ region: REGION }] },
  'contributor:register': { valid: [{ text: '{}' }], invalid: [{ text: '' }, {}, { text: 'x'.repeat(70_000) }] },
  'contributor:withdraw': { valid: [{ assetId: 'CA-1', reason: 'sold' }], invalid: [{ assetId: 'CA-1', reason: ' ' }, { assetId: 'CA-1' }] },
  'displays:set-layout': {
    valid: [
      { layout: { version: 1, assignments: [] } },
      { layout: { version: 1, assignments: [{ displayKey: 'DELL U2720Q|2560x1440|0', wall: 'alerts-tasks' }, { displayKey: 'display|1920x1080|0', wall: null }], kiosk: { enabled: true, playlist: ['national-overview'], intervalSeconds: 5 } } },
    ],
    invalid: [
      undefined,
      {},
      { layout: { version: 2, assignments: [] } },
      { layout: { version: 1, assignments: [{ displayKey: '', wall: 'alerts-tasks' }] } },
      { layout: { version: 1, assignments: [{ displayKey: 'd', wall: 'Alerts Tasks' }] } },
      { layout: { version: 1, assignments: [], kiosk: { intervalSeconds: 1 } } },
      { layout: { version: 1, assignments: [], kiosk: { playlist: Array.from({ length: 21 }, () => 'alerts-tasks') } } },
    ],
  },
};

let dir: string;
let replica: ReplicaClient;
let dispatch: Dispatch;
let chainWatch: ChainWatch;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-dispatch-'));
  const file = join(dir, 'replica.db');
  const key = newReplicaKey();
  const seeded = openReplica(file, key, { create: true });
  seeded.projector.applyBatch(REGION, sealAll(smallDrafts()));
  seeded.close();
  replica = await ReplicaClient.open({ file, key });
  chainWatch = startChainWatch({ replica, events: new HostEventHub(), log: () => {} });
  mkdirSync(join(dir, 'briefings'));
  writtenBriefing.file = join(dir, 'briefings', 'briefing-national.pdf');
  writeFileSync(writtenBriefing.file, '%PDF-');
  const handlers = createAppHandlers({
    replica,
    info: { version: 't', host: 'browser', replicaPath: file, demo: false },
    links: () => [],
    chain: () => chainWatch.current(),
    delivery: createDownloadOffers().delivery,
  });
  dispatch = createDispatcher(handlers, { isTrustedSender: (s) => s.origin === APP });
});

afterAll(async () => {
  chainWatch.dispose();
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dispatcher over every channel', () => {
  it('has cases for every channel of the contract', () => {
    expect(Object.keys(cases).sort()).toEqual([...channelNames].sort());
  });

  for (const channel of channelNames) {
    it(`${channel}: valid requests succeed, invalid ones are bad-request`, async () => {
      for (const request of cases[channel].valid) {
        const result = await dispatch(channel, request, fromApp);
        const expected = offlineCommands.has(channel)
          ? { ok: false, error: { code: 'not-connected' } }
          : channel.startsWith('contributor:')
            ? { ok: false, error: { code: 'not-served' } }
            : { ok: true };
        expect(result, JSON.stringify(request) + JSON.stringify(result)).toMatchObject(expected);
      }
      for (const request of cases[channel].invalid) {
        const result = await dispatch(channel, request, fromApp);
        expect(result, JSON.stringify(request)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
        if (!result.ok) expect(result.error.message).toContain(channel);
      }
    });

    it(`${channel}: refused from a foreign origin and from a sub-frame`, async () => {
      const request = cases[channel].valid[0];
      expect(await dispatch(channel, request, { origin: 'http://evil.example', topFrame: true })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
      expect(await dispatch(channel, request, { origin: APP, topFrame: false })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    });
  }

  it('an unknown channel is refused by name', async () => {
    expect(await dispatch('replica:drop', undefined, fromApp)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await dispatch({ toString: 1 }, undefined, fromApp)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('answers come from the replica', async () => {
    const stats = await dispatch('replica:stats', undefined, fromApp);
    expect(stats).toMatchObject({ ok: true, value: { depots: 2, lots: 1, events: 9 } });
    const found = await dispatch('depots:search', { query: '株洲' }, fromApp);
    expect(found).toMatchObject({ ok: true, value: [{ code: '430200-D001' }] });
    const none = await dispatch('depots:search', { query: '%' }, fromApp);
    expect(none).toEqual({ ok: true, value: [] });
    const missing = await dispatch('depots:detail', { code: '999999-D999' }, fromApp);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const detail = await dispatch('depots:detail', { code: '430200-D001' }, fromApp);
    expect(detail).toMatchObject({ ok: true, value: { depot: { code: '430200-D001' }, stock: [{ category: 'GR-RICE', quantity: 300 }] } });
    const kpis = await dispatch('situation:kpis', { filter: {} }, fromApp);
    expect(kpis).toMatchObject({ ok: true, value: { regionsInEmergency: 0, lotsExpiring30: 0 } });
    const snapshot = await dispatch('situation:snapshot', { filter: { classes: ['grain'] } }, fromApp);
    expect(snapshot).toMatchObject({ ok: true, value: { provinces: [{ adcode: REGION, depots: 2 }] } });
    expect(await dispatch('categories:list', undefined, fromApp)).toMatchObject({ ok: true, value: [{ code: 'GR-RICE', class: 'grain' }] });
    const lot = await dispatch('trace:lot', { lotId: 'L430000-000001' }, fromApp);
    expect(lot).toMatchObject({ ok: true, value: { lot: { lotId: 'L430000-000001' }, path: [{ depot: '430100-D001' }, { depot: '430200-D001' }], chain: { ok: true } } });
    expect(await dispatch('trace:lot', { lotId: 'L-NONE' }, fromApp)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const instruction = await dispatch('trace:instruction', { id: 'I-430000-0001' }, fromApp);
    expect(instruction).toMatchObject({ ok: true, value: { instruction: { kind: 'procurement' }, usage: [{ category: 'GR-RICE', allowed: 1000, movedIn: 1000, movedOut: 500 }] } });
    expect(await dispatch('trace:instruction', { id: 'I-NONE' }, fromApp)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const byDepot = await dispatch('trace:search', { query: '430200-D001' }, fromApp);
    expect(byDepot).toMatchObject({ ok: true, value: [{ lotId: 'L430000-000001', intakeDepot: '430100-D001', onHand: 800 }] });
    expect(await dispatch('trace:search', { query: 'L430000-0000' }, fromApp)).toMatchObject({ ok: true, value: [{ lotId: 'L430000-000001' }] });
    expect(await dispatch('trace:search', { query: 'GR-RICE' }, fromApp)).toMatchObject({ ok: true, value: [{ lotId: 'L430000-000001' }] });
    expect(await dispatch('trace:search', { query: 'L%' }, fromApp)).toEqual({ ok: true, value: [] });
    expect(await dispatch('audit:chain-status', undefined, fromApp)).toEqual({
      ok: true,
      value: { regions: [{ region: REGION, status: 'ok', verifiedSeq: 9, firstBadSeq: null, reason: null }] },
    });
    expect(await dispatch('instructions:list', { filter: {} }, fromApp)).toMatchObject({ ok: true, value: [{ id: 'I-430000-0001', lines: 1, quantity: 1000 }] });
    const trend = await dispatch('situation:trend', { region: REGION, filter: {}, days: 7 }, fromApp);
    expect(trend).toMatchObject({ ok: true, value: { region: REGION, series: [{ class: 'grain' }] } });
  });
});
