import {
  channelNames,
  type ChannelName,
  type HostEventName,
  type HostEventPayload,
  type RequestOf,
  type ResponseOf,
} from './channels';
import { isErrorCode, type Result } from './result';

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type Method<C extends ChannelName> = [RequestOf<C>] extends [void]
  ? () => Promise<Result<ResponseOf<C>>>
  : (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;

/** The renderer's view of the host: one method per channel, grouped by domain. */
export type InrsApi = {
  [D in DomainOf<ChannelName>]: {
    [C in ChannelName as C extends `${D}:${infer V}` ? V : never]: Method<C>;
  };
} & {
  events: {
    on<E extends HostEventName>(name: E, listener: (payload: HostEventPayload<E>) => void): () => void;
  };
};

export type Invoke = (channel: ChannelName, request: unknown) => Promise<Result<unknown>>;
export type Subscribe = (name: HostEventName, listener: (payload: unknown) => void) => () => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function badResponse(channel: ChannelName, what: string): Result<never> {
  return { ok: false, error: { code: 'bad-response', message: `${channel}: ${what}` } };
}

/**
 * Whatever the transport does, a call ends in a Result: a rejection or throw becomes
 * `internal`, an answer that is not a Result becomes `bad-response`. Callers never catch.
 */
export function guardInvoke(invoke: Invoke): Invoke {
  return async (channel, request) => {
    let answer: unknown;
    try {
      answer = await invoke(channel, request);
    } catch (err) {
      const code = isObject(err) && isErrorCode(err.code) ? err.code : 'internal';
      return { ok: false, error: { code, message: `${channel}: ${err instanceof Error ? err.message : String(err)}` } };
    }
    if (!isObject(answer)) return badResponse(channel, 'the host answered with no result');
    if (answer.ok === true) return 'value' in answer ? (answer as Result<unknown>) : badResponse(channel, 'the result has no value');
    if (answer.ok === false && isObject(answer.error) && isErrorCode(answer.error.code) && typeof answer.error.message === 'string') {
      return answer as Result<unknown>;
    }
    return badResponse(channel, 'the host answered with an unreadable result');
  };
}

/** Builds the grouped API over a transport (Electron IPC or the browser host's WebSocket); its methods never reject. */
export function createInrsApi(rawInvoke: Invoke, subscribe: Subscribe): InrsApi {
  const invoke = guardInvoke(rawInvoke);
  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of channelNames) {
    const [domain, verb] = channel.split(':') as [string, string];
    const group = (api[domain] ??= {});
    group[verb] = (request?: unknown) => invoke(channel, request);
  }
  api.events = { on: subscribe };
  for (const group of Object.values(api)) Object.freeze(group);
  return Object.freeze(api) as unknown as InrsApi;
}
