/**
 * The preload (sandboxed, context-isolated): exposes exactly one object, window.studio,
 * with invoke and on. Method and event names are checked here before anything crosses;
 * payloads are validated again in the main process against the shared schemas.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { StudioBridge } from '../shared/api';
import { isApiEventName, isApiMethodName } from '../shared/api-names';
import { eventChannel, invokeChannel } from '../shared/ipc-channels';

const bridge: StudioBridge = {
  invoke(method, input) {
    if (!isApiMethodName(method)) {
      return Promise.resolve({ ok: false, error: { code: 'not_found', message: `Unknown API method ${String(method)}` } });
    }
    return ipcRenderer.invoke(invokeChannel, method, input);
  },
  on(event, listener) {
    if (!isApiEventName(event)) throw new Error(`Unknown API event ${String(event)}`);
    const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(eventChannel, handler);
    return () => {
      ipcRenderer.removeListener(eventChannel, handler);
    };
  },
};

contextBridge.exposeInMainWorld('studio', bridge);
