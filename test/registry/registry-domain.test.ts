import { describe, expect, it } from 'vitest';
import {
  AssetFileError,
  RegistryError,
  deriveLedger,
  foldRegistry,
  ledgerBalances,
  parseAssetFile,
  type RegistryLogEntry,
  type RuleSet,
} from '../../src/shared/domain/registry';
import { authorize } from '../../src/shared/domain/roles';

const hub = { subject: 'hub', role: 'regional-server' };
const alice = { subject: 'alice', role: 'contributor' };
const inspector = { subject: 'v1', role: 'registry-verifier' };
const grain = { kind: 'physical' as const, name: '粮仓甲', region: '420000', lon: 114.3, lat: 30.6, category: 'rice', quantity: 500 };
const v1: RuleSet = { version: 'v1', effectiveFrom: '2026-01-01T00:00:00Z', perStorageDay: { rice: 2, '*': 1 }, perTonneKm: 0.5, perServiceHour: 3, perVerifiedRegistration: 10 };
const v2: RuleSet = { ...v1, version: 'v2', effectiveFrom: '2026-06-01T00:00:00Z', perStorageDay: { rice: 5 }, perVerifiedRegistration: 20 };

let seq = 0;
const at = (t: string, actor: RegistryLogEntry['actor'], e: Pick<RegistryLogEntry, 'type' | 'payload'>): RegistryLogEntry =>
  ({ ...e, seq: ++seq, at: t, actor }) as RegistryLogEntry;

function lifecycle(): RegistryLogEntry[] {
  seq = 0;
  return [
    at('2025-12-01T00:00:00Z', hub, { type: 'registry.rules-published', payload: v1 }),
    at('2026-02-01T00:00:00Z', alice, { type: 'registry.asset-registered', payload: { assetId: 'A1', owner: 'alice', asset: grain } }),
    at('2026-02-02T00:00:00Z', inspector, { type: 'registry.asset-verified', payload: { assetId: 'A1', passed: true, reason: '现场核验合格', evidence: ['a'.repeat(64)] } }),
    at('2026-02-03T00:00:00Z', inspector, { type: 'registry.asset-onboarded', payload: { assetId: 'A1' } }),
    at('2026-03-01T00:00:00Z', hub, { type: 'registry.asset-metered', payload: { assetId: 'A1', recordId: 'M1', kind: 'storage-days', amount: 30, at: '2026-03-01T00:00:00Z' } }),
  ];
}

describe('asset file', () => {
  it('accepts the three kinds and keeps extra fields', () => {
    expect(parseAssetFile(JSON.stringify({ ...grain, note: 'x' }))).toMatchObject({ kind: 'physical', note: 'x' });
    expect(parseAssetFile(JSON.stringify({ kind: 'capability', name: '冷链车队', region: '420000', lon: 114, lat: 30, capability: 'transport', capacity: 40, unit: 't/day' })).kind).toBe('capability');
    expect(parseAssetFile(JSON.stringify({ kind: 'service', name: '检测', region: '420000', lon: 114, lat: 30, service: 'testing', certification: 'CMA-1' })).kind).toBe('service');
  });
  it('names the field that is wrong', () => {
    expect(() => parseAssetFile('{')).toThrow(AssetFileError);
    expect(() => parseAssetFile(JSON.stringify({ ...grain, kind: 'ship' }))).toThrow(/"kind" must be/);
    expect(() => parseAssetFile(JSON.stringify({ ...grain, quantity: -1 }))).toThrow(/"quantity"/);
    expect(() => parseAssetFile(JSON.stringify({ ...grain, region: '42' }))).toThrow(/"region"/);
    expect(() => parseAssetFile(JSON.stringify({ kind: 'capability', name: 'x', region: '420000', lon: 1, lat: 1, capability: 'boat', capacity: 1, unit: 't' }))).toThrow(/"capability"/);
  });
});

describe('lifecycle', () => {
  it('goes register → verify → onboard → meter and keeps who, when and what', () => {
    const s = foldRegistry(lifecycle());
    const a = s.assets.get('A1')!;
    expect(a.state).toBe('onboarded');
    expect(a.history.map((h) => [h.type, h.subject])).toEqual([
      ['registry.asset-registered', 'alice'],
      ['registry.asset-verified', 'v1'],
      ['registry.asset-onboarded', 'v1'],
      ['registry.asset-metered', 'hub'],
    ]);
  });
  it('refuses to onboard an asset that failed verification', () => {
    const log = lifecycle().slice(0, 2);
    log.push(at('2026-02-02T00:00:00Z', inspector, { type: 'registry.asset-verified', payload: { assetId: 'A1', passed: false, reason: '数量不符', evidence: [] } }));
    expect(foldRegistry(log).assets.get('A1')!.state).toBe('failed');
    log.push(at('2026-02-03T00:00:00Z', inspector, { type: 'registry.asset-onboarded', payload: { assetId: 'A1' } }));
    expect(() => foldRegistry(log)).toThrow(new RegistryError('asset A1 is failed and cannot be onboarded'));
  });
  it('a withdrawn asset leaves: it can no longer be metered', () => {
    const log = lifecycle();
    log.push(at('2026-04-01T00:00:00Z', alice, { type: 'registry.asset-withdrawn', payload: { assetId: 'A1', reason: '自用' } }));
    expect(foldRegistry(log).assets.get('A1')!.state).toBe('withdrawn');
    log.push(at('2026-04-02T00:00:00Z', hub, { type: 'registry.asset-metered', payload: { assetId: 'A1', recordId: 'M2', kind: 'storage-days', amount: 1, at: '2026-04-02T00:00:00Z' } }));
    expect(() => foldRegistry(log)).toThrow(/withdrawn and cannot be metered/);
  });
});

describe('ledger', () => {
  it('prices each record by the rule version in force at its own time, from the effective time on', () => {
    const log = lifecycle();
    log.push(at('2026-05-01T00:00:00Z', hub, { type: 'registry.rules-published', payload: v2 }));
    log.push(at('2026-05-31T00:00:00Z', hub, { type: 'registry.asset-metered', payload: { assetId: 'A1', recordId: 'M2', kind: 'storage-days', amount: 10, at: '2026-05-31T23:59:59Z' } }));
    log.push(at('2026-06-01T00:00:00Z', hub, { type: 'registry.asset-metered', payload: { assetId: 'A1', recordId: 'M3', kind: 'storage-days', amount: 10, at: '2026-06-01T00:00:00Z' } }));
    const ledger = deriveLedger(foldRegistry(log), 'alice');
    expect(ledger.map((e) => [e.source, e.ruleVersion, e.units])).toEqual([
      ['registration', 'v1', 10],
      ['M1', 'v1', 60],
      ['M2', 'v1', 20],
      ['M3', 'v2', 50],
    ]);
    expect(ledgerBalances(ledger).get('alice')).toBe(140);
  });
  it('recomputing from the same log, in any delivery order, gives the same balances', () => {
    const log = lifecycle();
    const once = ledgerBalances(deriveLedger(foldRegistry(log)));
    const again = ledgerBalances(deriveLedger(foldRegistry([...log].reverse())));
    expect(again).toEqual(once);
  });
  it('shows only the asked contributor', () => {
    expect(deriveLedger(foldRegistry(lifecycle()), 'bob')).toEqual([]);
  });
});

describe('registry roles', () => {
  it('a contributor registers and reads its own record but never reads state or commands', () => {
    const c = { role: 'contributor' as const, region: '420000', depot: null };
    expect(authorize(c, 'register-civilian-asset', { region: '420000' }).allowed).toBe(true);
    expect(authorize(c, 'read-own-registry', { region: '420000' }).allowed).toBe(true);
    for (const a of ['read-state', 'issue-instruction', 'propose-emergency-level', 'cosign-emergency-level', 'verify-civilian-asset'] as const) {
      expect(authorize(c, a, { region: '420000' }).allowed).toBe(false);
    }
  });
  it('a verifier verifies in its province only, and only as a provincial identity', () => {
    const v = { role: 'registry-verifier' as const, region: '420000', depot: null };
    expect(authorize(v, 'verify-civilian-asset', { region: '420000' }).allowed).toBe(true);
    expect(authorize(v, 'verify-civilian-asset', { region: '440000' })).toEqual({ allowed: false, reason: 'region 440000 is out of scope for an identity of region 420000' });
    expect(authorize({ ...v, region: '000000' }, 'verify-civilian-asset', { region: '420000' }).allowed).toBe(false);
    expect(authorize(v, 'read-state', { region: '420000' }).allowed).toBe(false);
  });
});
