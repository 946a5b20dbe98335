import { z } from 'zod';
import {
  channels,
  HostError,
  isChannelName,
  type ChannelName,
  type ErrorCode,
  type ParsedRequestOf,
  type ResponseOf,
  type Result,
} from '../../shared/contract';
import { ReplicaError } from '../../core/replica/errors';

export type HostHandlers = {
  [C in ChannelName]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

/** Who sent a call, as the adapter saw it: the page's origin and whether it is the top frame. */
export interface SenderInfo {
  origin: string;
  topFrame: boolean;
}

export interface DispatcherOptions {
  isTrustedSender(sender: SenderInfo): boolean;
  onInternalError?(channel: ChannelName, err: unknown): void;
}

export type Dispatch = (channel: unknown, request: unknown, sender: SenderInfo) => Promise<Result<unknown>>;

const failure = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

/**
 * The one path every call takes, whatever the transport: known channel, trusted sender,
 * request parsed by its schema, service called, response checked against its schema.
 */
export function createDispatcher(handlers: HostHandlers, options: DispatcherOptions): Dispatch {
  return async (channel, request, sender) => {
    if (!isChannelName(channel)) return failure('unknown-channel', `unknown channel ${JSON.stringify(channel)}`);
    if (!sender.topFrame || !options.isTrustedSender(sender)) {
      return failure('forbidden-sender', `${channel}: refused call from ${sender.origin || 'an unknown origin'}`);
    }
    const parsed = channels[channel].request.safeParse(request);
    if (!parsed.success) return failure('bad-request', `${channel}: ${z.prettifyError(parsed.error)}`);
    try {
      const handler = handlers[channel] as (r: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: channels[channel].response.parse(value) };
    } catch (err) {
      if (err instanceof HostError) return failure(err.code, err.message);
      if (err instanceof ReplicaError) return failure('replica-unavailable', err.message);
      options.onInternalError?.(channel, err);
      return failure('internal', `${channel}: ${(err as Error).message ?? 'internal error'}`);
    }
  };
}
