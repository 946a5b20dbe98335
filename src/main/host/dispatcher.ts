import { z } from 'zod';
import {
  channels,
  HostError,
  isChannelName,
  isErrorCode,
  type ChannelName,
  type ErrorCode,
  type ParsedRequestOf,
  type ResponseOf,
  type Result,
} from '../../shared/contract';
import { ReplicaError } from '../../core/replica/errors';
import { toErrorShape, type ErrorDetails } from '../../shared/errors';

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

const failure = (code: ErrorCode, message: string, details?: ErrorDetails): Result<never> => ({
  ok: false,
  error: { code, message, ...(details ? { details } : {}) },
});

/**
 * A failure thrown by a service, as the answer's error. A host code passes as it is; a
 * replica's own code (wrong-key, corrupt…) or any other layer's goes into `details.cause`
 * under the nearest host code, so it is never lost.
 */
function answerOf(channel: ChannelName, err: unknown): Result<never> {
  const shape = toErrorShape(err);
  if (err instanceof HostError && isErrorCode(shape.code)) return failure(shape.code, shape.message, shape.details);
  const details = { ...shape.details, ...(shape.code !== 'internal' ? { cause: shape.code } : {}) };
  const code: ErrorCode = err instanceof ReplicaError ? 'replica-unavailable' : 'internal';
  const message = err instanceof ReplicaError ? shape.message : `${channel}: ${shape.message || 'internal error'}`;
  return failure(code, message, Object.keys(details).length > 0 ? details : undefined);
}

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
      if (!(err instanceof HostError) && !(err instanceof ReplicaError)) options.onInternalError?.(channel, err);
      return answerOf(channel, err);
    }
  };
}
