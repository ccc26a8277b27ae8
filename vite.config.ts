import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { appShell } from './scripts/app-shell.ts';

// The renderer is a static bundle: loaded by Electron from app:// and by the browser-mode host.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react(), appShell()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: true,
  },
});
