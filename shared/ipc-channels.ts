/** Electron IPC channel names: one for calls, one for events. */
export const invokeChannel = 'studio:invoke';
export const eventChannel = 'studio:event';
