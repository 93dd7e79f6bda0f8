import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the shop's server (examples/checkout) at /app/, under a CSP without 'unsafe-inline':
// the built index.html may only load scripts and styles from files.
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0 },
  server: { proxy: { '/api': 'http://127.0.0.1:4300' } },
});
