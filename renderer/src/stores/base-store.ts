/**
 * A small observable store: immutable state, subscribe returns the unsubscribe function,
 * so React components read it with useSyncExternalStore and let go on unmount.
 */
export class BaseStore<S> {
  private readonly listeners = new Set<() => void>();

  constructor(private state: S) {}

  getState = (): S => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  protected setState(patch: Partial<S>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
