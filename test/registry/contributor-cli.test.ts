import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandNet, countEvents, REGION, type CommandNet, type Officer } from '../commands/support/officers';
import { physicalAsset, RegistryClient } from './support/registry-client';

/*
 * The contributor's command line against a real regional server over mutual TLS: it registers
 * from an asset file and prints the new id, lists its own assets with state and balance, and
 * refuses a bad asset file before sending anything. The CLI runs as a child process, so the
 * server in this process keeps answering (an async spawn, never a blocking one).
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let cn: CommandNet;
let verifier: Officer;
const clients: { close(): void }[] = [];

function inrsAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/inrs.mjs', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  cn = await commandNet();
  const p12 = cn.net.issue({ kind: 'client', region: REGION, role: 'registry-verifier', name: 'verifier-hu' });
  verifier = { ...cn.net.identity(p12), subject: `CN=verifier-hu,OU=registry-verifier,O=${REGION}`, p12 };
});

afterAll(async () => {
  for (const c of clients) c.close();
  await cn?.net.close();
});

describe('inrs contributor', () => {
  it('registers from an asset file, then lists its own assets with state and balance', async () => {
    const file = join(cn.net.dir, 'asset.json');
    writeFileSync(file, JSON.stringify({ ...physicalAsset('命令行登记粮库', 300), note: '自有仓库' }));
    const base = ['--server', cn.server.url, '--identity', cn.contributor.p12];
    const registered = await inrsAsync(['contributor', 'register', ...base, '--asset', file]);
    expect(registered.status, registered.stderr).toBe(0);
    const assetId = registered.stdout.trim();
    expect(assetId).toMatch(/^CA-430000-[0-9a-f]{12}$/);
    expect(cn.server.store.replica.db.prepare('SELECT owner, name FROM registry_assets WHERE asset_id = ?').get(assetId)).toEqual({ owner: cn.contributor.subject, name: '命令行登记粮库' });

    // A verifier verifies it; the contributor sees the new state.
    const inspector = await RegistryClient.connect(cn, verifier);
    clients.push(inspector);
    expect(await inspector.request({ op: 'verify', assetId, passed: true, reason: '现场核验合格', evidence: [] })).toMatchObject({ status: 'accepted' });
    const listed = await inrsAsync(['contributor', 'assets', ...base, '--json']);
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ assetId, state: 'verified', kind: 'physical', balance: 0 })]);
    const text = await inrsAsync(['contributor', 'assets', ...base]);
    expect(text.stdout).toContain(`${assetId}  physical   verified`);
    // Nothing is addressed to this contributor yet: said in a line; --json gives the empty list.
    const none = await inrsAsync(['contributor', 'instructions', ...base]);
    expect(none.status, none.stderr).toBe(0);
    expect(none.stdout).toBe('no instruction addressed to you\n');
    expect(JSON.parse((await inrsAsync(['contributor', 'instructions', ...base, '--json'])).stdout)).toEqual([]);
  });

  it('enrols a contributor at the registration desk: the certificate it then registers and reads with', async () => {
    const out = join(cn.net.dir, 'enrolled.p12');
    const enrol = await inrsAsync(['registry', 'enrol', '--dir', cn.net.pkiDir, '--region', REGION, '--name', 'hengyang-coldchain', '--out', out, '--server', cn.server.url]);
    expect(enrol.status, enrol.stderr).toBe(0);
    expect(enrol.stdout).toContain(`enrolled contributor CN=hengyang-coldchain,OU=contributor,O=${REGION}`);
    expect(enrol.stdout).toContain(`npm start -- --contributor ${out} --contributor-server ${cn.server.url}`);
    const asset = join(cn.net.dir, 'enrolled-asset.json');
    writeFileSync(asset, JSON.stringify(physicalAsset('衡阳冷链代储库', 80)));
    const registered = await inrsAsync(['contributor', 'register', '--server', cn.server.url, '--identity', out, '--asset', asset]);
    expect(registered.status, registered.stderr).toBe(0);
    const id = registered.stdout.trim();
    expect(cn.server.store.replica.db.prepare('SELECT owner FROM registry_assets WHERE asset_id = ?').get(id)).toEqual({ owner: `CN=hengyang-coldchain,OU=contributor,O=${REGION}` });
    // Not over an existing file, and only for a province.
    const again = await inrsAsync(['registry', 'enrol', '--dir', cn.net.pkiDir, '--region', REGION, '--name', 'x', '--out', out]);
    expect(again.status).not.toBe(0);
    const national = await inrsAsync(['registry', 'enrol', '--dir', cn.net.pkiDir, '--region', '000000', '--name', 'x', '--out', join(cn.net.dir, 'n.p12')]);
    expect(national.stderr).toContain("--region must be a province's adcode");
  });

  it('refuses a bad asset file before sending anything, and a certificate that is no contributor’s', async () => {
    const file = join(cn.net.dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...physicalAsset(), quantity: 0 }));
    const before = countEvents(cn, 'registry.asset-registered');
    const bad = await inrsAsync(['contributor', 'register', '--server', cn.server.url, '--identity', cn.contributor.p12, '--asset', file]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`${file}: the physical asset file is invalid: "quantity"`);
    expect(countEvents(cn, 'registry.asset-registered')).toBe(before);

    // A verifier may not register: the server's refusal is shown with its code.
    writeFileSync(file, JSON.stringify(physicalAsset()));
    const verifierTry = await inrsAsync(['contributor', 'register', '--server', cn.server.url, '--identity', verifier.p12, '--asset', file]);
    expect(verifierTry.status).toBe(1);
    expect(verifierTry.stderr).toContain('refused [role]: a registry verifier only verifies and onboards civilian assets');
    // An officer's certificate gets the event stream, not a registry session.
    const officer = await inrsAsync(['contributor', 'assets', '--server', cn.server.url, '--identity', cn.officerA.p12]);
    expect(officer.status).toBe(1);
    expect(officer.stderr).toContain('it is not a contributor’s or verifier’s');
  });
});
