import type { ApiEventName, ApiEvents } from '../../shared/api';

type Listener = (event: ApiEventName, payload: ApiEvents[ApiEventName]) => void;

/** Carries API events from services to whichever transports are attached (IPC, WebSocket, CLI). */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  /** Returns the function that detaches the listener. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
