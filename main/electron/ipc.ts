import { app, dialog, ipcMain, type BrowserWindow, type WebContents } from 'electron';
import path from 'node:path';
import type { Dispatch } from '../api-handlers';
import type { NativeDialogs } from '../native-dialogs';
import type { EventBus } from '../services/event-bus';

// The channel names the preload uses too.
export { eventChannel, invokeChannel } from '../../shared/ipc-channels';
import { eventChannel, invokeChannel } from '../../shared/ipc-channels';

/**
 * The Electron transport of the API: one invoke channel whose payloads go through the same
 * dispatch (schema validation included) as host mode. Only our own window, showing our own
 * page, may call.
 */
export function registerIpc(dispatch: Dispatch, isTrustedSender: (sender: WebContents, frameUrl: string) => boolean): () => void {
  ipcMain.handle(invokeChannel, (event, method: unknown, input: unknown) => {
    // The main frame only (parent null): never an iframe, whatever page it shows.
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isTrustedSender(event.sender, frame.url)) {
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

/** The native open dialog, attached to the app's window when there is one. */
export function electronDialogs(window: () => BrowserWindow | undefined): NativeDialogs {
  return {
    async open(kind) {
      const options: Electron.OpenDialogOptions =
        kind === 'folder'
          ? { title: 'Choose a folder of images', properties: ['openDirectory'] }
          : { title: 'Choose a table', properties: ['openFile'], filters: [{ name: 'Tables (CSV, TSV, JSON)', extensions: ['csv', 'tsv', 'txt', 'json'] }] };
      const owner = window();
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async save(suggestedName) {
      // The export is a folder: the dialog names the new folder its copy goes into.
      const options: Electron.SaveDialogOptions = {
        title: 'Save the export as',
        buttonLabel: 'Save here',
        defaultPath: path.join(app.getPath('downloads'), suggestedName),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const owner = window();
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
