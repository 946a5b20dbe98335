import {
  channelNames,
  type ChannelName,
  type HostEventName,
  type HostEventPayload,
  type RequestOf,
  type ResponseOf,
} from './channels';
import type { Result } from './result';

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

/** Builds the grouped API over a transport (Electron IPC or the browser host's WebSocket). */
export function createInrsApi(invoke: Invoke, subscribe: Subscribe): InrsApi {
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
