import { hostEvents, type HostEventName, type HostEventPayload } from '../../shared/contract';

type Listener = (name: HostEventName, payload: unknown) => void;

/** Fan-out of host → renderer events to every connected adapter; payloads checked by their schema. */
export class HostEventHub {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends HostEventName>(name: E, payload: HostEventPayload<E>): void {
    const checked = hostEvents[name].parse(payload);
    for (const listener of this.listeners) listener(name, checked);
  }
}
