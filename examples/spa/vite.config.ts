import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

// Served by the shop's server (examples/checkout) at /app/, under a CSP without 'unsafe-inline':
// the built index.html may only load scripts and styles from files.
export default defineConfig(({ mode }) => ({
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0 },
  // `npm run dev`: the shop's API through this server. The gateway lets only the session's allowed
  // origins frame the field, so start the shop with CHECKOUT_ORIGIN set to this server's origin.
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': loadEnv(mode, '.', 'SHOP_').SHOP_ORIGIN ?? 'http://127.0.0.1:4300' },
  },
}));
