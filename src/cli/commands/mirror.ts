import { parseArgs } from 'node:util';
import type { NatsConnection } from '@nats-io/transport-node';
import type { JetStreamManager } from '@nats-io/jetstream';
import { loadIdentityFile, trustStore } from '../../core/pki';
import { connectJetStream, parseLogUrl, wantsTls, type ClusterTls } from '../../core/regional/log/jetstream-connect';
import { createMirrors, mirroredRegions, mirrorStatus, MirrorError, regionHead, regionLedgerHead, requireMirror, waitForMirror, whileRecovering } from '../../core/regional/log/national-mirror';
import { CliError, requireOption } from '../cli-error';

const CONNECTION = `--national nats://HOST:PORT[,…] [--identity FILE.p12 --trust TRUST-DIR (for tls://)]`;

export const mirrorCreateHelp = `inrs mirror create ${CONNECTION} --region ADCODE[,ADCODE…] [--renew-ledger]
  On the national JetStream cluster (linked to each region's cluster by a leafnode, the region's
  cluster in JetStream domain region-ADCODE), creates the region's mirror streams INRS_MIRROR_ADCODE
  (its log, same seqs) and INRS_MIRROR_LEDGER_ADCODE (its command ledger, for the signed
  checkpoints). A region whose log stream does not answer is refused; existing mirrors are kept.
  --renew-ledger makes the ledger mirror again, from the start of the region's ledger stream: after
  a region is rebuilt on a new cluster, whose ledger stream starts again at seq 1.`;

export const mirrorStatusHelp = `inrs mirror status ${CONNECTION} [--region ADCODE[,…]] [--json]
  Per mirrored region: the mirror's last seq, the region's own head and the lag (or why the region
  does not answer), when the mirror last heard from it, and the mirrored ledger's last seq.`;

export const mirrorCatchUpHelp = `inrs mirror catch-up ${CONNECTION} --region ADCODE [--seq N] [--timeout-seconds S]
  Waits (60 s by default) until the region's mirror holds seq N (by default the region's head now,
  and its ledger mirror the region's ledger head now);
  exits 1 saying where the mirror stands when it does not.`;

export const mirrorHelp = [mirrorCreateHelp, mirrorStatusHelp, mirrorCatchUpHelp].join('\n\n');

const TIMEOUT_MS = 5_000;
const connection = { national: { type: 'string' }, identity: { type: 'string' }, 'identity-passphrase-file': { type: 'string' }, trust: { type: 'string' } } as const;

function regionsOf(list: string): string[] {
  const regions = list.split(',').map((r) => r.trim());
  for (const r of regions) if (!/^\d{6}$/.test(r) || r === '000000') throw new CliError(`--region ${list}: "${r}" is not a region's 6-digit adcode`);
  return regions;
}

/** Connects to the national cluster named by the options (mutual TLS with the identity for tls://). */
async function national<T>(values: Record<string, unknown>, run: (nc: NatsConnection, jsm: JetStreamManager, url: string) => Promise<T>): Promise<T> {
  const url = requireOption(values, 'national');
  try {
    parseLogUrl(url, '--national');
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  let tls: ClusterTls | undefined;
  if (wantsTls(url)) {
    const identityFile = requireOption(values, 'identity');
    const identity = loadIdentityFile(identityFile, typeof values['identity-passphrase-file'] === 'string' ? values['identity-passphrase-file'] : undefined);
    tls = { ca: trustStore(requireOption(values, 'trust')).ca.join('\n'), cert: identity.chainPem.join('\n'), key: identity.keyPem };
  }
  const { nc, jsm } = await connectJetStream(url, TIMEOUT_MS, tls, 'national cluster');
  try {
    return await run(nc, jsm, url);
  } catch (err) {
    if (err instanceof MirrorError) throw new CliError(err.message, 1);
    throw err;
  } finally {
    await nc.close().catch(() => undefined);
  }
}

async function runMirrorCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { ...connection, region: { type: 'string' }, 'renew-ledger': { type: 'boolean', default: false } }, strict: true });
  const regions = regionsOf(requireOption(values, 'region'));
  await national(values, async (nc, jsm) => {
    for (const { region, created } of await createMirrors(nc, jsm, regions, TIMEOUT_MS, values['renew-ledger'])) {
      process.stdout.write(`region ${region}: ${created.length > 0 ? `created ${created.join(', ')}` : 'mirrors already there'}\n`);
    }
  });
}

async function runMirrorStatus(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { ...connection, region: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
  const wanted = values.region ? regionsOf(values.region) : null;
  await national(values, async (nc, jsm, url) => {
    const regions = wanted ?? (await mirroredRegions(jsm));
    if (wanted) for (const region of wanted) await requireMirror(jsm, region, url);
    const rows = [];
    for (const region of regions) rows.push(await mirrorStatus(nc, jsm, region, TIMEOUT_MS));
    if (values.json) return void process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    if (rows.length === 0) process.stdout.write(`no region mirrored on ${url} (inrs mirror create)\n`);
    for (const r of rows) {
      const region = r.regionSeq === null ? `region unreachable: ${r.problem ?? '?'}` : `region ${r.regionSeq}  lag ${r.lag}`;
      const heard = r.lastActiveMs === null ? 'never heard from the region' : `last heard ${r.lastActiveMs} ms ago`;
      process.stdout.write(`${r.region}  mirror ${r.mirrorSeq}  ${region}  ${heard}  ledger ${r.ledgerSeq ?? '-'}${r.regionSeq !== null && r.problem ? `  (${r.problem})` : ''}\n`);
    }
  });
}

async function runMirrorCatchUp(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { ...connection, region: { type: 'string' }, seq: { type: 'string' }, 'timeout-seconds': { type: 'string', default: '60' } }, strict: true });
  const [region] = regionsOf(requireOption(values, 'region'));
  if (!region || values.region?.includes(',')) throw new CliError('--region: one region at a time');
  const seq = values.seq === undefined ? null : Number(values.seq);
  if (seq !== null && (!Number.isInteger(seq) || seq < 0)) throw new CliError(`--seq ${values.seq}: not a seq`);
  const seconds = Number(values['timeout-seconds']);
  if (!(seconds > 0)) throw new CliError(`--timeout-seconds ${values['timeout-seconds']}: not a positive number`);
  await national(values, async (nc, jsm, url) => {
    const until = Date.now() + seconds * 1000;
    await whileRecovering(() => requireMirror(jsm, region, url), until);
    let target = seq;
    // Without --seq: the region's heads now, of its log and of its ledger (the checkpoints it signed).
    let ledgerTarget: number | null = null;
    if (target === null) {
      const head = await regionHead(nc, region, TIMEOUT_MS);
      if ('problem' in head) throw new MirrorError(`region ${region}: ${head.problem}; give --seq to wait for a seq without asking the region`);
      target = head.seq;
      ledgerTarget = await regionLedgerHead(nc, region, TIMEOUT_MS);
    }
    const reached = await waitForMirror(jsm, region, target, until - Date.now());
    const ledger = ledgerTarget === null ? null : await waitForMirror(jsm, region, ledgerTarget, Math.max(1, until - Date.now()), true);
    process.stdout.write(`region ${region}: mirror at seq ${reached} (waited for ${target})${ledger === null ? '' : `, ledger mirror at ${ledger}`}\n`);
  });
}

function runMirrorIndex(args: string[]): void {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(`${mirrorHelp}\n`);
    return;
  }
  throw new CliError(`unknown mirror command "${args[0] ?? ''}" (create, status or catch-up)`);
}

export const mirrorCommands: Record<string, (args: string[]) => void | Promise<void>> = {
  mirror: runMirrorIndex,
  'mirror create': runMirrorCreate,
  'mirror status': runMirrorStatus,
  'mirror catch-up': runMirrorCatchUp,
};
