import { useSyncExternalStore } from 'react';
import type { BaseStore } from './base-store';

export function useStore<S>(store: BaseStore<S>): S {
  return useSyncExternalStore(store.subscribe, store.getState);
}
