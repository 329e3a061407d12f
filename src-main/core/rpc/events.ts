import { events, isEventName, type EventName, type EventPayload } from '../../../src-preload/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

/**
 * Events flow main → every connected renderer. Payloads are validated here, once, so a
 * transport only forwards what the contract promises.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (!isEventName(event)) throw new Error(`Unknown event ${String(event)}`);
    const parsed = events[event].payload.parse(payload);
    for (const l of [...this.listeners]) l(event, parsed);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
