/**
 * The operating system's file dialogs, as the API sees them. Electron provides them (main/electron/ipc.ts);
 * host mode has none (a browser page cannot hand the app a local path), so the UI falls back to
 * a path field. Kept here, free of electron, so the dispatch and its tests stay plain Node.
 */
export interface NativeDialogs {
  /** Asks for a folder of images or a table file; null when the user cancels. */
  open(kind: 'folder' | 'table'): Promise<string | null>;
  /** Asks where to save a copy of an export (a new folder's path); null when the user cancels. */
  save?(suggestedName: string): Promise<string | null>;
}
