import type { SecureVersion } from 'node:tls';
import WebSocket from 'ws';
import type { LinkIdentity } from '../../../src/core/sync/region-link';
import { waitFor } from './wait';

export interface RawClientOptions {
  rootPem: string;
  /** Omitted: the client presents no certificate at all. */
  identity?: LinkIdentity;
  maxVersion?: SecureVersion;
}

/**
 * A bare WebSocket client over TLS to a regional server, for sending frames the real link
 * never would. It records every frame received (parsed JSON), the error and the close code.
 */
export class RawClient {
  readonly ws: WebSocket;
  readonly frames: { type?: string; [k: string]: unknown }[] = [];
  opened = false;
  error: Error | null = null;
  close: { code: number; reason: string } | null = null;
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url: string, options: RawClientOptions) {
    this.ws = new WebSocket(url, {
      ca: [options.rootPem],
      ...(options.identity ? { key: options.identity.keyPem, cert: options.identity.chainPem.join('\n') } : {}),
      minVersion: options.maxVersion === 'TLSv1.2' ? 'TLSv1.2' : 'TLSv1.3',
      maxVersion: options.maxVersion ?? 'TLSv1.3',
      perMessageDeflate: false,
      handshakeTimeout: 10_000,
      // Large enough to read anything the server sends; the limit under test is the server's.
      maxPayload: 64 * 1024 * 1024,
    });
    this.ws.on('open', () => {
      this.opened = true;
    });
    this.ws.on('message', (data) => {
      try {
        this.frames.push(JSON.parse(String(data)) as { type?: string });
      } catch {
        this.frames.push({ type: '(not json)', text: String(data) });
      }
    });
    this.ws.on('error', (err) => {
      this.error = err;
    });
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code, reason) => {
        this.close = { code, reason: reason.toString() };
        resolve(this.close);
      });
    });
  }

  /** Resolves once open; rejects with the connection error otherwise. */
  async open(timeoutMs = 10_000): Promise<void> {
    await waitFor(() => this.opened || this.close !== null, 'the connection to open or close', timeoutMs);
    if (!this.opened) throw this.error ?? new Error(`closed before open (${this.close?.code ?? '?'})`);
  }

  send(data: string | Buffer): void {
    this.ws.send(data);
  }

  sendJson(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** The first received frame (from index `from`) of `type`, waiting for it. */
  async frame(type: string, from = 0, timeoutMs = 10_000): Promise<{ type?: string; [k: string]: unknown }> {
    let found: { type?: string; [k: string]: unknown } | undefined;
    await waitFor(
      () => {
        found = this.frames.slice(from).find((f) => f.type === type);
        return found !== undefined || this.close !== null;
      },
      `a ${type} frame`,
      timeoutMs,
    );
    found ??= this.frames.slice(from).find((f) => f.type === type);
    if (!found) throw new Error(`connection closed (${this.close?.code ?? '?'} ${this.close?.reason ?? ''}) without a ${type} frame; got ${JSON.stringify(this.frames.map((f) => f.type))}`);
    return found;
  }

  async closedWithin(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    await waitFor(() => this.close !== null, 'the connection to close', timeoutMs);
    return this.close as { code: number; reason: string };
  }

  terminate(): void {
    this.ws.terminate();
  }
}
