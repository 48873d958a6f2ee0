import type { StudioBridge } from '../../shared/api';

declare global {
  interface Window {
    /** The app's API: from the Electron preload, or from the host-mode bridge. */
    studio?: StudioBridge;
  }
}

export {};
