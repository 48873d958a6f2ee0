import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: built to out/renderer with relative paths, so Electron can load it from a
// file and host mode can serve it from any port.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // Loaded from disk or loopback, never over a network: one bundle is fine.
    chunkSizeWarningLimit: 2000,
  },
});
