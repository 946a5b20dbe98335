import type { LinkIdentity } from '../../../src/core/sync/region-link';
import type { SignedEnvelope } from '../../../src/shared/protocol/command-envelope';
import { PROTOCOL_VERSION, serverFrameSchema } from '../../../src/shared/protocol/frames';
import { RawClient } from '../../sync/support/raw-client';
import { waitFor } from '../../sync/support/wait';
import type { CommandNet } from './officers';
import { REGION } from './officers';

export interface CommandResult {
  type: 'commandResult';
  commandId: string;
  status: 'accepted' | 'refused';
  code?: string;
  reason: string | null;
  seq: number | null;
}

/**
 * A bare protocol client for commands: greets the server at its head, sends signed envelopes
 * (or raw command frames) and waits for each answer by command id. Each answer is checked
 * against the wire schema.
 */
export class CommandClient {
  private constructor(readonly raw: RawClient) {}

  static async connect(cn: CommandNet, identity: LinkIdentity): Promise<CommandClient> {
    const raw = new RawClient(cn.server.url, { rootPem: cn.net.rootPem, identity });
    await raw.open();
    raw.sendJson({ type: 'hello', protocol: PROTOCOL_VERSION, clientId: `command-test-${Math.random().toString(36).slice(2)}`, schema: 5, cursors: { [REGION]: cn.server.store.head().seq } });
    await raw.frame('welcome');
    return new CommandClient(raw);
  }

  results(commandId: string): CommandResult[] {
    return this.raw.frames.filter((f) => f.type === 'commandResult' && f.commandId === commandId) as unknown as CommandResult[];
  }

  /** Sends `frame` and resolves with the next answer to `commandId`. */
  async command(commandId: string, frame: unknown): Promise<CommandResult> {
    const before = this.results(commandId).length;
    this.raw.sendJson(frame);
    await waitFor(() => this.results(commandId).length > before || this.raw.close !== null, `the result of ${commandId}`, 15_000);
    const result = this.results(commandId)[before];
    if (!result) throw new Error(`connection closed before the result of ${commandId}: ${JSON.stringify(this.raw.close)}`);
    if (!serverFrameSchema.safeParse(result).success) throw new Error(`commandResult off the wire schema: ${JSON.stringify(result)}`);
    return result;
  }

  send(envelope: SignedEnvelope): Promise<CommandResult> {
    return this.command(envelope.commandId, signedFrame(envelope));
  }

  close(): void {
    this.raw.terminate();
  }
}

export const signedFrame = (envelope: SignedEnvelope) => ({ type: 'command', commandId: envelope.commandId, kind: 'signed', envelope });
