import { ipcMain, type WebContents } from 'electron';
import type { Dispatch } from './api-handlers';
import type { EventBus } from './services/event-bus';

// The channel names the preload uses too.
export { eventChannel, invokeChannel } from '../shared/ipc-channels';
import { eventChannel, invokeChannel } from '../shared/ipc-channels';

/**
 * The Electron transport of the API: one invoke channel whose payloads go through the same
 * dispatch (schema validation included) as host mode. Only our own window, showing our own
 * page, may call.
 */
export function registerIpc(dispatch: Dispatch, isTrustedSender: (sender: WebContents, frameUrl: string) => boolean): () => void {
  ipcMain.handle(invokeChannel, (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.sender, event.senderFrame?.url ?? '')) {
      return { ok: false, error: { code: 'invalid_input', message: 'Calls are accepted from the Factor Studio window only.' } };
    }
    return dispatch(method, input);
  });
  return () => ipcMain.removeHandler(invokeChannel);
}

/** Forwards every API event to one window until it is destroyed or the returned function is called. */
export function forwardEvents(bus: EventBus, target: WebContents): () => void {
  const unsubscribe = bus.subscribe((event, payload) => {
    if (!target.isDestroyed()) target.send(eventChannel, event, payload);
  });
  target.once('destroyed', unsubscribe);
  return unsubscribe;
}
