import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustStore } from '../../src/core/pki';
import { ensureKeyFile } from '../../src/core/replica/key-file';
import { defaultDataDir } from '../../src/main/host/data-dir';
import { DEMO_NETWORK_FILE, DEMO_REGIONS, demoNetworkFileSchema, startDemoNetwork } from '../../src/main/host/demo-network';
import { demoOfficerHint, OFFICER_DIR, prepareDemoOfficer, readRunningDemo, type DemoOfficer } from '../../src/main/host/demo-officer';
import { DEMO_OFFICER } from '../../src/main/host/demo-officer-identity';
import { ensureOfficerReplica } from '../../src/main/host/demo-officer-replica';
import type { SenderInfo } from '../../src/main/host/dispatcher';
import { startHostRuntime, type HostRuntime } from '../../src/main/host/host-runtime';
import { ensureDemoReplica, type ReplicaTarget } from '../../src/main/host/prepare-replica';
import type { EmergencyState, LinkState, OfficerIdentity } from '../../src/shared/contract';
import { DisposableStore } from '../../src/shared/disposables';
import { useTempDir } from '../helpers/temp-dir';
import { waitFor, within } from '../sync/support/wait';

const REGION = DEMO_OFFICER.region;
const SENDER: SenderInfo = { origin: 'http://127.0.0.1:1', topFrame: true };
const resolveKey = (keyFile: string) => ensureKeyFile(keyFile).key;
const quiet = () => {};

/** A workstation as `npm start` runs it: the host runtime over its replica, linked to the demo's servers. */
interface Workstation {
  runtime: HostRuntime;
  disposables: DisposableStore;
  target: ReplicaTarget;
}

async function call<T>(station: Workstation, channel: string, request?: unknown): Promise<T> {
  const result = await station.runtime.dispatch(channel, request, SENDER);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function workstation(target: ReplicaTarget): Promise<Workstation> {
  const disposables = new DisposableStore();
  const runtime = await startHostRuntime({ target, host: 'browser', version: 'test', isTrustedSender: (s) => s.origin === SENDER.origin, disposables, log: quiet });
  return { runtime, disposables, target };
}

const linkOf = async (station: Workstation) => (await call<LinkState[]>(station, 'sync:links')).find((l) => l.region === REGION);

describe('the second officer against a running demo (tiny scale, real servers and mutual TLS on 127.0.0.1)', () => {
  let dataDir: string;
  let commander: Workstation;
  let officer: Workstation;
  let prepared: DemoOfficer;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'inrs-demo-officer-'));
    const target = await ensureDemoReplica({ dataDir, scale: 'tiny', resolveKey, onProgress: quiet });
    commander = await workstation(target);
    const seed = target.demoSeed;
    if (!seed) throw new Error('the demo replica records no seed');
    commander.runtime.startSync(await startDemoNetwork({ dataDir, seed, disposables: commander.disposables, log: quiet }));
    prepared = await prepareDemoOfficer({ dataDir, resolveKey, onProgress: quiet, log: quiet });
    officer = await workstation(prepared.target);
    officer.runtime.startSync(prepared.network);
  }, 240_000);

  afterAll(async () => {
    await officer?.disposables.dispose();
    await commander?.disposables.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the demo announces its servers, pins, root and seed in demo-network.json (0600) once they listen', () => {
    const file = join(dataDir, DEMO_NETWORK_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const announced = demoNetworkFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(announced.pid).toBe(process.pid);
    expect(Object.keys(announced.regions).sort()).toEqual([...DEMO_REGIONS]);
    for (const links of Object.values(announced.regions)) {
      expect(links.urls).toEqual([expect.stringMatching(/^wss:\/\/127\.0\.0\.1:\d+$/)]);
      expect(links.pins).toHaveLength(1);
    }
    expect(readFileSync(announced.rootCert, 'utf8')).toContain('BEGIN CERTIFICATE');
    expect(announced.seed).toEqual(commander.target.demoSeed);
  });

  it('plays the ceremony: servers and workstations hold their identity and the trust bundle, never the CA passphrase', () => {
    const announced = demoNetworkFileSchema.parse(JSON.parse(readFileSync(join(dataDir, DEMO_NETWORK_FILE), 'utf8')));
    expect(announced.rootCert).toBe(join(dataDir, 'demo-trust', 'root.crt'));
    // The trust store refuses a folder holding CA material; the demo's is clean and current.
    expect(trustStore(join(dataDir, 'demo-trust')).problems).toEqual([]);
    const caPassphrase = readFileSync(join(dataDir, 'demo-pki', 'ca-passphrase'), 'utf8').trim();
    const handedOut = [join(dataDir, 'demo-trust'), join(dataDir, 'demo-identities'), prepared.dir].flatMap((d) =>
      readdirSync(d, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && !/\.db(-wal|-shm)?$/.test(e.name))
        .map((e) => join(e.parentPath, e.name)),
    );
    expect(handedOut.map((f) => f.slice(dataDir.length + 1))).toEqual(expect.arrayContaining(['demo-identities/server-430000.passphrase', `${OFFICER_DIR}/officer.passphrase`]));
    for (const file of handedOut) {
      const text = readFileSync(file).toString('latin1');
      expect(text.includes(caPassphrase), file).toBe(false);
      expect(text, file).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    }
  });

  it('signs in with its own certificate (duty officer of 430000) and its own replica, and goes live', async () => {
    const [mine, theirs] = await Promise.all([call<OfficerIdentity | null>(officer, 'identity:current'), call<OfficerIdentity | null>(commander, 'identity:current')]);
    expect(mine).toEqual({ subject: `CN=${DEMO_OFFICER.name},OU=duty-officer,O=${REGION}`, name: DEMO_OFFICER.name, role: 'duty-officer', region: REGION, depot: null });
    expect(theirs).toMatchObject({ role: 'national-commander', region: '000000' });
    expect(prepared.dir).toBe(join(dataDir, OFFICER_DIR));
    expect(prepared.target.file.startsWith(prepared.dir)).toBe(true);
    expect(prepared.target.file).not.toBe(commander.target.file);
    expect(statSync(join(prepared.dir, 'officer.p12')).mode & 0o777).toBe(0o600);
    // A duty officer reads its own region only: one link, to Hunan's server.
    expect(Object.keys(prepared.network.regions)).toEqual([REGION]);
    await waitFor(async () => (await linkOf(officer))?.status === 'live', "the officer's link to 430000 live", 60_000, 100);
    await waitFor(async () => (await linkOf(commander))?.status === 'live', "the commander's link to 430000 live", 60_000, 100);
    expect((await call<LinkState[]>(officer, 'sync:links')).map((l) => l.region)).toEqual([REGION]);
  });

  it("co-signs the commander's level-II proposal: level II on both workstations, activated by both", async () => {
    const proposer = commander.runtime.commands();
    const cosigner = officer.runtime.commands();
    if (!proposer || !cosigner) throw new Error('a workstation has no command sender');
    const proposed = await proposer.send(REGION, 'normal', { kind: 'emergency.propose', toLevel: 'II', plan: '湖南省防汛Ⅱ级应急预案', reason: '洞庭湖城陵矶站水位超警戒' });
    expect(proposed).toMatchObject({ status: 'accepted', code: null });

    // The officer sees the proposal through its own replica, as its screen would.
    await waitFor(
      async () => (await call<EmergencyState>(officer, 'emergency:state')).proposals.some((p) => p.id === proposed.commandId && p.status === 'pending'),
      "the proposal on the officer's replica",
      30_000,
      100,
    );
    const cosigned = await cosigner.send(REGION, 'normal', { kind: 'emergency.cosign', proposalId: proposed.commandId });
    expect(cosigned).toMatchObject({ status: 'accepted', code: null });

    for (const station of [commander, officer]) {
      await waitFor(async () => (await call<EmergencyState>(station, 'emergency:state')).levels.some((l) => l.region === REGION), 'level II on the replica', 30_000, 100);
      const { levels } = await call<EmergencyState>(station, 'emergency:state');
      expect(levels).toEqual([
        expect.objectContaining({ region: REGION, level: 'II', activatedBy: [proposer.identity.subject, cosigner.identity.subject], breakGlass: false }),
      ]);
    }
  });

  it('a later start reuses the certificate and the replica', async () => {
    const again = await prepareDemoOfficer({ dataDir, resolveKey, onProgress: () => expect.fail('seeded again'), log: quiet });
    expect(again.identity.info.serial).toBe(prepared.identity.info.serial);
    expect(again.target.file).toBe(prepared.target.file);
    expect(again.target.key.equals(prepared.target.key)).toBe(true);
  });

  it('shutting the demo down removes demo-network.json; the officer is then told to start the demo first', async () => {
    await within(officer.disposables.dispose(), 30_000, 'the officer shut down');
    await within(commander.disposables.dispose(), 30_000, 'the demo shut down');
    expect(existsSync(join(dataDir, DEMO_NETWORK_FILE))).toBe(false);
    await expect(prepareDemoOfficer({ dataDir, resolveKey, onProgress: quiet, log: quiet })).rejects.toThrow(/start the demo first with npm start/);
  });
});

describe('the second officer without a running demo', () => {
  const tempDir = useTempDir();

  it('the demo’s hint names the data dir unless it is the platform default', () => {
    const platformDefault = defaultDataDir({ ...process.env, INRS_DATA_DIR: undefined });
    expect(demoOfficerHint(platformDefault)).toBe('Second officer (two-person rule): npm start -- --demo-officer');
    expect(demoOfficerHint('/srv/inrs/demo')).toBe('Second officer (two-person rule): npm start -- --demo-officer --data-dir /srv/inrs/demo');
    expect(demoOfficerHint('/srv/INRS demo')).toBe('Second officer (two-person rule): npm start -- --demo-officer --data-dir "/srv/INRS demo"');
  });

  it('names the missing file and says to start the demo first', () => {
    const dir = tempDir();
    expect(() => readRunningDemo(dir)).toThrow(`no demo is running on ${dir} (${join(dir, DEMO_NETWORK_FILE)} not found): start the demo first with npm start`);
  });

  it('refuses a file left behind by a demo whose process is gone', () => {
    const dir = tempDir();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const announced = {
      format: 1,
      pid: gone,
      pkiDir: join(dir, 'demo-pki'),
      rootCert: join(dir, 'demo-pki', 'root.crt'),
      seed: { scale: 'tiny', seed: 1, asOf: '2026-01-01T00:00:00.000Z' },
      regions: { [REGION]: { urls: ['wss://127.0.0.1:1'], pins: ['pin'] } },
    };
    writeFileSync(join(dir, DEMO_NETWORK_FILE), JSON.stringify(announced));
    expect(() => readRunningDemo(dir)).toThrow(`(process ${gone}) is no longer running: start the demo first with npm start`);
    writeFileSync(join(dir, DEMO_NETWORK_FILE), JSON.stringify({ ...announced, pid: process.pid }));
    expect(readRunningDemo(dir).regions[REGION]?.urls).toEqual(['wss://127.0.0.1:1']);
  });

  it('refuses a file that is not a demo network', () => {
    const dir = tempDir();
    writeFileSync(join(dir, DEMO_NETWORK_FILE), '{"format": 1, "pid": "x"');
    expect(() => readRunningDemo(dir)).toThrow(/does not describe a demo network \(.*JSON.*\): start the demo first/);
    writeFileSync(join(dir, DEMO_NETWORK_FILE), JSON.stringify({ format: 1, pid: process.pid }));
    expect(() => readRunningDemo(dir)).toThrow(/does not describe a demo network \(.*pkiDir.*\): start the demo first/);
  });

  it('refuses a replica seeded for another demo instead of syncing it into a fork', async () => {
    const dir = join(tempDir(), OFFICER_DIR);
    mkdirSync(dir);
    writeFileSync(join(dir, 'demo-replica.db'), '');
    writeFileSync(join(dir, 'demo-seed.json'), JSON.stringify({ scale: 'tiny', seed: 1, asOf: '2026-01-01T00:00:00.000Z' }));
    await expect(
      ensureOfficerReplica({ dir, seed: { scale: 'tiny', seed: 1, asOf: '2026-02-01T00:00:00.000Z' }, resolveKey, onProgress: quiet }),
    ).rejects.toThrow(`was seeded for another demo (tiny scale, seed 1, as of 2026-01-01T00:00:00.000Z; the running demo: tiny scale, seed 1, as of 2026-02-01T00:00:00.000Z); remove the folder ${dir}`);
  });
});
