import { randomUUID, X509Certificate } from 'node:crypto';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../shared/protocol/frames';
import { registryServerFrameSchema, type RegistryOp, type RegistryServerFrame } from '../../shared/protocol/registry-frames';
import { identityFromPeer } from '../pki';
import type { LinkIdentity } from '../sync/region-link';

/**
 * A contributor's (or verifier's) connection to its regional server: mutual TLS with its own
 * certificate, the server checked to be a regional server under the national root, a hello, then
 * registry requests answered one by one. Nothing of the region's log ever comes over it.
 */
export class RegistryClientError extends Error {}

/** The server refused a request: its code and reason, as it stated them. */
export class RegistryRefusal extends RegistryClientError {
  constructor(
    readonly code: string,
    readonly reason: string,
  ) {
    super(`refused [${code}]: ${reason}`);
  }
}

type Result = Extract<RegistryServerFrame, { type: 'registry-result' }>;

export interface RegistryConnection {
  /** The server's answer: accepted with its value, or a RegistryClientError naming the refusal. */
  request(op: RegistryOp): Promise<unknown>;
  /** The same, with the seq the step was sealed at (null for a read). */
  step(op: RegistryOp): Promise<{ seq: number | null; value: unknown }>;
  close(): void;
}

/** The national root from the identity's own chain (a .p12 issued by the project's PKI carries it). */
export function rootOfChain(identity: LinkIdentity): string | null {
  const last = identity.chainPem.at(-1);
  if (!last) return null;
  const cert = new X509Certificate(last);
  return cert.ca && cert.checkIssued(cert) ? last : null;
}

export function connectRegistry(url: string, identity: LinkIdentity, rootPem: string, timeoutMs = 15_000): Promise<RegistryConnection> {
  const ws = new WebSocket(url, {
    key: identity.keyPem,
    cert: identity.chainPem.join('\n'),
    ca: [rootPem],
    minVersion: 'TLSv1.3',
    // ws's typings say boolean; Node's TLS expects an Error (refuse) or undefined (accept).
    checkServerIdentity: ((host: string, cert: PeerCertificate) => {
      const standard = checkServerIdentity(host, cert);
      if (standard) return standard;
      const peer = identityFromPeer(cert);
      return peer?.role === 'regional-server' ? undefined : new Error(`${host} is not a regional server`);
    }) as never,
    handshakeTimeout: timeoutMs,
    perMessageDeflate: false,
  });
  const waiting = new Map<string, { resolve: (r: Result) => void; reject: (e: Error) => void }>();
  let failure: Error | null = null;
  const fail = (err: Error) => {
    failure ??= err;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new RegistryClientError(`${url}: no registry welcome within ${timeoutMs} ms`));
    }, timeoutMs);
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body = (body + chunk).slice(0, 500)));
      res.on('end', () => {
        clearTimeout(timer);
        ws.terminate();
        reject(new RegistryClientError(`${url}: server refused the connection: ${res.statusCode ?? '?'} ${body.trim()}`));
      });
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      fail(err);
      reject(new RegistryClientError(`${url}: ${err.message}`));
    });
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      const err = new RegistryClientError(`${url}: connection closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`);
      fail(err);
      reject(err);
    });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, clientId: `registry-${randomUUID()}`, schema: 0, cursors: {} })));
    ws.on('message', (data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return fail(new RegistryClientError(`${url}: a frame that is not JSON`));
      }
      const parsed = registryServerFrameSchema.safeParse(frame);
      if (!parsed.success) {
        const type = (frame as { type?: unknown }).type;
        const err = new RegistryClientError(`${url}: ${type === 'welcome' ? 'this certificate gets the region’s event stream: it is not a contributor’s or verifier’s' : `unexpected frame ${JSON.stringify(type)}`}`);
        // Said before the close, so the caller hears why rather than that the socket closed.
        fail(err);
        reject(err);
        ws.close(1000, 'registry only');
        return;
      }
      const f = parsed.data;
      if (f.type === 'registry-welcome') {
        clearTimeout(timer);
        const call = (op: RegistryOp) => {
          if (failure) return Promise.reject(failure);
          const requestId = `req-${randomUUID()}`;
          return new Promise<Result>((res, rej) => {
            waiting.set(requestId, { resolve: res, reject: rej });
            ws.send(JSON.stringify({ type: 'registry', requestId, request: op }));
          }).then((r) => {
            if (r.status === 'refused') throw new RegistryRefusal(r.code ?? '?', r.reason ?? '');
            return r;
          });
        };
        resolve({
          request: (op) => call(op).then((r) => r.value),
          step: (op) => call(op).then((r) => ({ seq: r.seq, value: r.value })),
          close: () => ws.close(1000),
        });
      } else if (f.type === 'registry-result') {
        const w = waiting.get(f.requestId);
        waiting.delete(f.requestId);
        w?.resolve(f);
      }
    });
  });
}
