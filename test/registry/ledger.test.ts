import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../src/core/regional/regional-store';
import { readKeyFile } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { flipPayloadByte, inrs } from '../audit/support/cli';
import { CommandClient } from '../commands/support/command-client';
import { commandNet, REGION, sign, type CommandNet, type Officer } from '../commands/support/officers';
import { physicalAsset, RegistryClient, transportAsset } from './support/registry-client';
import { syncedReplica } from './support/synced-replica';

/*
 * The contribution ledger, recomputed from the log by anyone who holds it: the server's data dir
 * and a replica synced from it over mutual TLS give the same entries and balances; each record is
 * priced by the rule version in force at its own time, so a new version applies from its
 * effective time only; a rule event whose signature does not verify stops the ledger.
 */
let cn: CommandNet;
let verifier: Officer;
let otherContributor: Officer;
const clients: { close(): void }[] = [];
const T0 = Date.now();
const at = (h: number) => new Date(T0 + h * 3600_000).toISOString();
const base = { perStorageDay: { 'GR-RICE': 0.01, '*': 0.005 }, perTonneKm: 0.002, perServiceHour: 1, perVerifiedRegistration: 10 };
const V1 = { version: '2026-1', effectiveFrom: at(1), ...base };
const V2 = { version: '2026-2', effectiveFrom: at(24), ...base, perStorageDay: { 'GR-RICE': 0.05 }, perTonneKm: 0.004, perVerifiedRegistration: 20 };
let replicaFile: { file: string; keyFile: string };

beforeAll(async () => {
  cn = await commandNet();
  const person = (name: string, role: string): Officer => {
    const p12 = cn.net.issue({ kind: 'client', region: REGION, role, name });
    return { ...cn.net.identity(p12), subject: `CN=${name},OU=${role},O=${REGION}`, p12 };
  };
  verifier = person('verifier-hu', 'registry-verifier');
  otherContributor = person('contributor-qian', 'contributor');
});

afterAll(async () => {
  for (const c of clients) c.close();
  await cn?.net.close();
});

async function connect<T extends { close(): void }>(make: Promise<T>): Promise<T> {
  const client = await make;
  clients.push(client);
  return client;
}

describe('contribution ledger', () => {
  it('is priced by the rule version in force at each record’s time and refuses a retroactive version', async () => {
    const commander = await connect(CommandClient.connect(cn, cn.commander));
    expect(await commander.send(sign(cn, cn.commander, { expectedLevel: null, body: { kind: 'registry.publish-rules', rules: V1 } }))).toMatchObject({ status: 'accepted' });
    cn.clock.offsetMs = 2 * 3600_000;

    const alice = await connect(RegistryClient.connect(cn, cn.contributor));
    const bob = await connect(RegistryClient.connect(cn, otherContributor));
    const inspector = await connect(RegistryClient.connect(cn, verifier));
    const grain = ((await alice.request({ op: 'register', asset: physicalAsset('湘粮代储二号库', 1000) })).value as { assetId: string }).assetId;
    const trucks = ((await bob.request({ op: 'register', asset: transportAsset() })).value as { assetId: string }).assetId;
    for (const assetId of [grain, trucks]) {
      expect(await inspector.request({ op: 'verify', assetId, passed: true, reason: '现场核验合格', evidence: [] })).toMatchObject({ status: 'accepted' });
      expect(await inspector.request({ op: 'onboard', assetId })).toMatchObject({ status: 'accepted' });
    }

    // Version 2 is published now, effective from hour 24; a version effective in the past is refused.
    expect(await commander.send(sign(cn, cn.commander, { expectedLevel: null, body: { kind: 'registry.publish-rules', rules: V2 } }))).toMatchObject({ status: 'accepted' });
    const retro = await commander.send(sign(cn, cn.commander, { expectedLevel: null, body: { kind: 'registry.publish-rules', rules: { ...V2, version: '2026-3', effectiveFrom: at(0) } } }));
    expect(retro).toMatchObject({ status: 'refused', reason: expect.stringContaining('rule version 2026-3 would apply from') });

    cn.clock.offsetMs = 48 * 3600_000;
    const meter = (assetId: string, recordId: string, kind: 'storage-days' | 'tonne-km', amount: number, time: string) => inspector.request({ op: 'meter', assetId, recordId, kind, amount, at: time });
    expect(await meter(grain, 'M-A1', 'storage-days', 1000, at(12))).toMatchObject({ status: 'accepted' }); // v1: 10
    expect(await meter(grain, 'M-A2', 'storage-days', 1000, at(30))).toMatchObject({ status: 'accepted' }); // v2: 50
    expect(await meter(trucks, 'M-B1', 'tonne-km', 5000, at(36))).toMatchObject({ status: 'accepted' }); // v2: 20

    // The server's own figure, as the contributor reads it: registration 10 (v1) + 10 + 50.
    const served = (await alice.request({ op: 'ledger' })).value as { balance: number; entries: { source: string; ruleVersion: string; units: number }[] };
    expect(served.entries.map((e) => [e.source, e.ruleVersion, e.units])).toEqual([
      ['registration', '2026-1', 10],
      ['M-A1', '2026-1', 10],
      ['M-A2', '2026-2', 50],
    ]);
    expect(served.balance).toBe(70);

    // Anyone with the log: a replica synced from the server computes the same ledger as the server's data dir.
    replicaFile = await syncedReplica(cn, cn.auditor);
    for (const c of clients.splice(0)) c.close();
    await cn.server.close();
    const fromServer = inrs(['registry', 'ledger', '--data', cn.dataDir, '--json']);
    const fromReplica = inrs(['registry', 'ledger', '--replica', replicaFile.file, '--key-file', replicaFile.keyFile, '--json']);
    expect(fromServer.status, fromServer.stderr).toBe(0);
    expect(fromReplica.status, fromReplica.stderr).toBe(0);
    const a = JSON.parse(fromServer.stdout) as { balances: unknown; entries: unknown; rules: { version: string; signer: string; chainChecked: boolean }[] };
    const b = JSON.parse(fromReplica.stdout) as typeof a;
    expect(b.entries).toEqual(a.entries);
    expect(b.balances).toEqual(a.balances);
    expect(a.balances).toEqual([
      { contributor: otherContributor.subject, units: 30 },
      { contributor: cn.contributor.subject, units: 70 },
    ]);
    expect(a.rules.map((r) => [r.version, r.signer, r.chainChecked])).toEqual([
      ['2026-1', cn.commander.subject, false],
      ['2026-2', cn.commander.subject, false],
    ]);

    const one = inrs(['registry', 'ledger', '--data', cn.dataDir, '--contributor', otherContributor.subject, '--root', join(cn.net.trustDir, 'root.crt')]);
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toContain(`${otherContributor.subject}: 30 units`);
    expect(one.stdout).not.toContain(cn.contributor.subject);
    expect(one.stdout).toContain('signature and chain verified');
    expect(one.stdout).toContain('no payment and no return is promised');
  });

  it('writes the contributor statement in Chinese with the rule versions and that no return is promised', () => {
    const out = join(cn.net.dir, 'statement.pdf');
    const r = inrs(['registry', 'statement', '--data', cn.dataDir, '--contributor', cn.contributor.subject, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const text = spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('民间资产贡献记录单');
    expect(text).toContain(`贡献者：${cn.contributor.subject}`);
    expect(text).toContain('贡献单位合计：70');
    expect(text).toContain('不承诺任何回报');
    expect(text).toMatch(/2026-1[\s\S]*2026-2/);
    expect(text).toContain('计量记录 M-A2');
    expect(inrs(['registry', 'statement', '--data', cn.dataDir, '--contributor', cn.contributor.subject, '--out', out])).toMatchObject({ status: 2, stderr: expect.stringContaining('already exists') });
  });

  it('stops when a rule event no longer matches what the national hub signed', () => {
    const seq = openReplica(replicaFile.file, readKeyFile(replicaFile.keyFile), { readonly: true });
    const ruleSeq = seq.db.prepare<[string], number>("SELECT seq FROM events WHERE region = ? AND type = 'registry.rules-published' ORDER BY seq DESC LIMIT 1").pluck().get(REGION) as number;
    seq.close();
    flipPayloadByte(join(cn.dataDir, STORE_FILE), readKeyFile(join(cn.dataDir, 'store.key')), REGION, ruleSeq);
    const r = inrs(['registry', 'ledger', '--data', cn.dataDir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`ledger refused: rule event ${REGION}/${ruleSeq} (version 2026-2) states rules that differ from what its envelope signed`);
  });
});
