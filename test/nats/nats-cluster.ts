import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { describe } from 'vitest';
import { connect } from '@nats-io/transport-node';

/** Debian's nats-server (`.ci/run` installs it): /usr/sbin, or anywhere on PATH. */
export const NATS_SERVER: string | null =
  ['/usr/sbin', ...(process.env.PATH ?? '').split(delimiter)].map((dir) => join(dir, 'nats-server')).find((file) => existsSync(file)) ?? null;

/** `describe`, or a skip that says why when nats-server is not installed on this machine. */
export const describeWithNats: typeof describe.skip = NATS_SERVER
  ? describe
  : (((name: string, fn: () => void) => {
      console.warn(`${name}: SKIPPED, nats-server is not installed (apt-get install nats-server)`);
      return describe.skip(`${name} [skipped: nats-server is not installed]`, fn);
    }) as typeof describe.skip);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface NatsNode {
  name: string;
  clientPort: number;
  process: ChildProcess | null;
}

/** PEM files of the project's PKI for the nodes: their certificate chain and key, and the root they verify peers against. */
export interface NatsTlsFiles {
  certFile: string;
  keyFile: string;
  caFile: string;
  /** What the test's own connections present (PEM). */
  client: { ca: string; cert: string; key: string };
}

/**
 * How a cluster joins others: its JetStream domain, a leafnode port per node for the clusters
 * that connect to it, and the leafnode URLs of the clusters it connects to (one remote each).
 */
export interface NatsLinks {
  domain?: string;
  /** The cluster's name (routes only join nodes of the same name); `inrs` by default. */
  name?: string;
  acceptLeafnodes?: boolean;
  leafnodeRemotes?: string[][];
}

/**
 * A JetStream cluster of real nats-server processes on 127.0.0.1, each with its own store in
 * `dir`; with `tls`, clients and routes alike must present a certificate the root verifies.
 */
export async function startNatsCluster(dir: string, size = 3, tls?: NatsTlsFiles, links: NatsLinks = {}) {
  const nodes: (NatsNode & { routePort: number; leafPort: number; config: string })[] = [];
  for (let i = 0; i < size; i++) {
    nodes.push({ name: `${links.domain ? `${links.domain}-` : ''}n${i + 1}`, clientPort: await freePort(), routePort: await freePort(), leafPort: links.acceptLeafnodes ? await freePort() : 0, process: null, config: '' });
  }
  for (const node of nodes) {
    const store = join(dir, node.name);
    mkdirSync(store, { recursive: true });
    const routes = nodes.filter((n) => n !== node).map((n) => `nats-route://127.0.0.1:${n.routePort}`);
    node.config = join(dir, `${node.name}.conf`);
    const tlsBlock = tls ? `tls { cert_file: "${tls.certFile}", key_file: "${tls.keyFile}", ca_file: "${tls.caFile}", verify: true, timeout: 5 }` : '';
    // A single node runs without a cluster block: one with no routes never elects a meta leader.
    const cluster = size > 1 ? `cluster { name: ${links.name ?? 'inrs'}, listen: 127.0.0.1:${node.routePort}, routes: [${routes.join(', ')}]\n${tlsBlock} }\n` : '';
    const domain = links.domain ? `, domain: "${links.domain}"` : '';
    const leafListen = links.acceptLeafnodes ? `listen: 127.0.0.1:${node.leafPort}` : '';
    const remotes = (links.leafnodeRemotes ?? []).map((urls) => `{ urls: [${urls.map((u) => `"${u}"`).join(', ')}] }`);
    const leafnodes = leafListen || remotes.length > 0 ? `leafnodes { ${leafListen}${remotes.length > 0 ? ` remotes: [${remotes.join(', ')}]` : ''} }\n` : '';
    writeFileSync(
      node.config,
      `server_name: ${node.name}\nlisten: 127.0.0.1:${node.clientPort}\n${tlsBlock}\njetstream { store_dir: "${store}"${domain} }\n${cluster}${leafnodes}`,
    );
  }
  const start = (node: (typeof nodes)[number]) => {
    if (!NATS_SERVER) throw new Error('nats-server is not installed');
    node.process = spawn(NATS_SERVER, ['-c', node.config], { stdio: 'ignore' });
  };
  nodes.forEach(start);
  // Even a test run that dies leaves no nats-server behind.
  const killAll = () => nodes.forEach((n) => n.process?.kill('SIGKILL'));
  process.once('exit', killAll);
  const url = `${tls ? 'tls' : 'nats'}://${nodes.map((n) => `127.0.0.1:${n.clientPort}`).join(',')}`;

  /** Waits until JetStream answers with a meta leader (the cluster formed). */
  const ready = async (deadlineMs = 20_000) => {
    const until = Date.now() + deadlineMs;
    for (;;) {
      try {
        const nc = await connect({ servers: nodes.filter((n) => n.process).map((n) => `127.0.0.1:${n.clientPort}`), timeout: 1000, ...(tls ? { tls: tls.client } : {}) });
        try {
          const reply = await nc.request('$JS.API.INFO', undefined, { timeout: 1000 });
          const info = reply.json<{ error?: unknown }>();
          if (!info.error) return;
        } finally {
          await nc.close();
        }
      } catch {
        // not yet
      }
      if (Date.now() > until) throw new Error('nats cluster did not form');
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  return {
    nodes,
    url,
    /** Where other clusters connect as leafnodes (with `acceptLeafnodes`). */
    leafnodeUrls: nodes.map((n) => `nats-leaf://127.0.0.1:${n.leafPort}`),
    ready,
    /** kill -9 of one node. */
    kill(name: string) {
      const node = nodes.find((n) => n.name === name);
      node?.process?.kill('SIGKILL');
      if (node) node.process = null;
    },
    restart(name: string) {
      const node = nodes.find((n) => n.name === name);
      if (node && !node.process) start(node);
    },
    stop() {
      for (const node of nodes) {
        node.process?.kill('SIGKILL');
        node.process = null;
      }
      process.off('exit', killAll);
    },
  };
}
