import { randomUUID } from 'node:crypto';
import type { LinkIdentity } from '../../../src/core/sync/region-link';
import { PROTOCOL_VERSION } from '../../../src/shared/protocol/frames';
import { registryServerFrameSchema, type RegistryOp } from '../../../src/shared/protocol/registry-frames';
import { RawClient } from '../../sync/support/raw-client';
import { waitFor } from '../../sync/support/wait';
import type { CommandNet } from '../../commands/support/officers';
import { REGION } from '../../commands/support/officers';

export interface RegistryResult {
  requestId: string;
  status: 'accepted' | 'refused';
  code: string | null;
  reason: string | null;
  seq: number | null;
  value: unknown;
}

/**
 * A bare registry-session client: greets as any client would (with a cursor asking for the
 * region's log), then sends registry requests and waits for each answer by request id. Every
 * frame it receives is kept, so a test can check on the wire what the server sent.
 */
export class RegistryClient {
  private constructor(readonly raw: RawClient) {}

  static async connect(cn: CommandNet, identity: LinkIdentity): Promise<RegistryClient> {
    const raw = new RawClient(cn.server.url, { rootPem: cn.net.rootPem, identity });
    await raw.open();
    // Asks for the whole log from seq 0, as a replica would: the firewall must send none of it.
    raw.sendJson({ type: 'hello', protocol: PROTOCOL_VERSION, clientId: `registry-test-${randomUUID()}`, schema: 5, cursors: { [REGION]: 0 } });
    await raw.frame('registry-welcome');
    return new RegistryClient(raw);
  }

  /** Sends one registry request and resolves with its result, checked against the wire schema. */
  async request(op: RegistryOp, requestId = `req-${randomUUID()}`): Promise<RegistryResult> {
    const before = this.raw.frames.length;
    this.raw.sendJson({ type: 'registry', requestId, request: op });
    await waitFor(() => this.raw.frames.slice(before).some((f) => f.type === 'registry-result' && f.requestId === requestId) || this.raw.close !== null, `the result of ${requestId}`, 15_000);
    const frame = this.raw.frames.slice(before).find((f) => f.type === 'registry-result' && f.requestId === requestId);
    if (!frame) throw new Error(`connection closed before the result of ${requestId}: ${JSON.stringify(this.raw.close)}`);
    const parsed = registryServerFrameSchema.safeParse(frame);
    if (!parsed.success) throw new Error(`registry-result off the wire schema: ${JSON.stringify(frame)}`);
    return frame as unknown as RegistryResult;
  }

  /** A ping answered: every frame the server sent before it has arrived. */
  async roundTrip(): Promise<void> {
    const t = Math.random();
    this.raw.sendJson({ type: 'ping', t });
    await waitFor(() => this.raw.frames.some((f) => f.type === 'pong' && f.t === t) || this.raw.close !== null, 'a pong', 10_000);
  }

  /** The frame types received so far. */
  types(): string[] {
    return this.raw.frames.map((f) => String(f.type));
  }

  close(): void {
    this.raw.terminate();
  }
}

export const physicalAsset = (name = '民营粮库甲', quantity = 500) => ({ kind: 'physical', name, region: '430100', lon: 112.94, lat: 28.23, category: 'GR-RICE', quantity, documents: ['a'.repeat(64)] });
export const transportAsset = (name = '湘运冷链车队') => ({ kind: 'capability', name, region: '430600', lon: 113.13, lat: 29.36, capability: 'transport', capacity: 120, unit: 't/day' });
export const serviceAsset = (name = '湘检检测中心') => ({ kind: 'service', name, region: '430100', lon: 112.98, lat: 28.19, service: 'testing', certification: 'CMA-2026-0431' });
