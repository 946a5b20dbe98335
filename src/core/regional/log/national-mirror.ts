import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { ledgerStreamName } from './jetstream-ledger';
import { streamName } from './jetstream-log';
import { appendOnlyStream, clusterNodes, isUnavailable } from './jetstream-connect';

/*
 * The national mirror: on a separate national JetStream cluster, linked to every region's cluster
 * by leafnodes, one mirror stream per region of the region's log stream (same seqs, same headers)
 * and one of its command ledger stream (for the signed checkpoints). Each region cluster runs in
 * its own JetStream domain, `region-<adcode>`, through which the mirrors reach its streams. One
 * stream sourcing every region is not used: nats-server 2.9 keeps the expected-last-seq headers
 * of sourced messages and stalls on them.
 */
export const mirrorStreamName = (region: string) => `INRS_MIRROR_${region}`;
export const mirrorLedgerName = (region: string) => `INRS_MIRROR_LEDGER_${region}`;
export const regionDomain = (region: string) => `region-${region}`;
const MIRROR_PREFIX = 'INRS_MIRROR_';
const LEDGER_PREFIX = 'INRS_MIRROR_LEDGER_';

export class MirrorError extends Error {}

/** The JetStream API of a region's own cluster, reached from the national one through the leafnodes. */
export const regionApi = (nc: NatsConnection, region: string, timeout: number) => jetstreamManager(nc, { domain: regionDomain(region), timeout, checkAPI: false });

/** Whether the region's log stream answers through its domain (its seq), or why not. */
export async function regionHead(nc: NatsConnection, region: string, timeout: number): Promise<{ seq: number } | { problem: string }> {
  try {
    const api = await regionApi(nc, region, timeout);
    return { seq: (await api.streams.info(streamName(region))).state.last_seq };
  } catch (err) {
    const message = (err as Error).message;
    return { problem: /not found/i.test(message) ? `no stream ${streamName(region)} in JetStream domain ${regionDomain(region)}` : `JetStream domain ${regionDomain(region)} does not answer (${message})` };
  }
}

/**
 * Creates the two mirror streams of each region that has none yet; a region whose log stream does
 * not answer through its domain is refused before anything is created for it.
 */
export async function createMirrors(nc: NatsConnection, jsm: JetStreamManager, regions: string[], timeout: number, renewLedger = false): Promise<{ region: string; created: string[] }[]> {
  const replicas = Math.max(1, Math.min(3, clusterNodes(nc)));
  for (const region of regions) {
    const head = await regionHead(nc, region, timeout);
    if ('problem' in head) {
      throw new MirrorError(`region ${region}: ${head.problem}; is the region's log on JetStream (inrs server --log), its cluster in domain ${regionDomain(region)} and linked to this one by a leafnode?`);
    }
  }
  const out: { region: string; created: string[] }[] = [];
  for (const region of regions) {
    const created: string[] = [];
    // A rebuilt region's ledger stream starts again at 1; the old mirror would wait past its own last seq.
    if (renewLedger && (await exists(jsm, mirrorLedgerName(region)))) await jsm.streams.delete(mirrorLedgerName(region));
    for (const [name, source] of [
      [mirrorStreamName(region), streamName(region)],
      [mirrorLedgerName(region), ledgerStreamName(region)],
    ] as const) {
      if (await exists(jsm, name)) continue;
      await jsm.streams.add({
        ...appendOnlyStream(name, replicas),
        mirror: { name: source, external: { api: `$JS.${regionDomain(region)}.API`, deliver: '' } },
      });
      created.push(name);
    }
    out.push({ region, created });
  }
  return out;
}

async function exists(jsm: JetStreamManager, name: string): Promise<boolean> {
  try {
    await jsm.streams.info(name);
    return true;
  } catch (err) {
    if (/not found/i.test((err as Error).message)) return false;
    throw err;
  }
}

export interface MirrorStatus {
  region: string;
  mirrorSeq: number;
  /** The region's own head, or null when its cluster does not answer. */
  regionSeq: number | null;
  lag: number | null;
  /** Milliseconds since the mirror last heard from the region, as the national cluster reports it. */
  lastActiveMs: number | null;
  ledgerSeq: number | null;
  problem: string | null;
}

/** The regions that have a mirror on this cluster. */
export async function mirroredRegions(jsm: JetStreamManager): Promise<string[]> {
  const names: string[] = [];
  for await (const name of jsm.streams.names()) if (name.startsWith(MIRROR_PREFIX) && !name.startsWith(LEDGER_PREFIX)) names.push(name.slice(MIRROR_PREFIX.length));
  return names.sort();
}

/** Refuses a region that has no mirror here, naming the ones that do. */
export async function requireMirror(jsm: JetStreamManager, region: string, url: string): Promise<void> {
  if (await exists(jsm, mirrorStreamName(region))) return;
  const known = await mirroredRegions(jsm);
  throw new MirrorError(`no national mirror of region ${region} on ${url} (mirrored: ${known.join(', ') || 'none'}); create it with inrs mirror create --national ${url} --region ${region}`);
}

export async function mirrorStatus(nc: NatsConnection, jsm: JetStreamManager, region: string, timeout: number): Promise<MirrorStatus> {
  const info = await jsm.streams.info(mirrorStreamName(region));
  const ledger = await jsm.streams.info(mirrorLedgerName(region)).catch(() => null);
  const head = await regionHead(nc, region, timeout);
  const regionLedger = 'seq' in head ? await regionApi(nc, region, timeout).then((api) => api.streams.info(ledgerStreamName(region))).catch(() => null) : null;
  const ledgerAhead = ledger && regionLedger && ledger.state.last_seq > regionLedger.state.last_seq;
  const active = info.mirror?.active;
  return {
    region,
    mirrorSeq: info.state.last_seq,
    regionSeq: 'seq' in head ? head.seq : null,
    lag: 'seq' in head ? Math.max(0, head.seq - info.state.last_seq) : null,
    lastActiveMs: active === undefined || active < 0 ? null : Math.round(active / 1e6),
    ledgerSeq: ledger?.state.last_seq ?? null,
    problem:
      'problem' in head
        ? head.problem
        : ledgerAhead
          ? `the region's ledger stream is at seq ${regionLedger.state.last_seq}, behind its mirror's ${ledger.state.last_seq}: a new stream (a rebuilt region); renew its mirror with inrs mirror create --renew-ledger`
          : null,
  };
}

/** The last seq of the region's ledger stream, through its domain (null when it does not answer). */
export async function regionLedgerHead(nc: NatsConnection, region: string, timeout: number): Promise<number | null> {
  return regionApi(nc, region, timeout)
    .then((api) => api.streams.info(ledgerStreamName(region)))
    .then((info) => info.state.last_seq)
    .catch(() => null);
}

/** Waits until the region's mirror (or with `ledger`, its ledger mirror) holds seq `target`; its seq when it does, or a MirrorError after `waitMs`. */
export async function waitForMirror(jsm: JetStreamManager, region: string, target: number, waitMs: number, ledger = false): Promise<number> {
  const until = Date.now() + waitMs;
  const name = ledger ? mirrorLedgerName(region) : mirrorStreamName(region);
  for (;;) {
    const seq = await jsm.streams
      .info(name)
      .then((i) => i.state.last_seq)
      .catch(() => -1);
    if (seq >= target) return seq;
    if (Date.now() > until) throw new MirrorError(`the ${ledger ? 'ledger ' : ''}mirror of region ${region} is at seq ${seq < 0 ? '?' : seq}, not ${target}, after ${Math.round(waitMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs `run` again while the cluster answers with a timeout (a cluster just restarted is still recovering its streams), until `until`. */
export async function whileRecovering<T>(run: () => Promise<T>, until: number): Promise<T> {
  for (;;) {
    try {
      return await run();
    } catch (err) {
      if (!isUnavailable(err) || Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
