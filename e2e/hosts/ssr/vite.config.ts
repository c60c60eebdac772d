import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served under /ssr/ by e2e/host-apps-server.ts: the browser's files from dist/client, and the
// server's render function from dist/server, which Node imports with the app's own node_modules
// (Vite leaves dependencies external in an SSR build, so Node resolves the client package itself,
// with its "node" export condition, as any server does).
//
// The browser build is React's development build (`NODE_ENV=development vite build`): it checks
// every attribute while hydrating and logs any mismatch, where the production build stays silent.
export default defineConfig(({ isSsrBuild }) => ({
  base: '/ssr/',
  plugins: [react()],
  // Unminified, hence the higher size warning.
  build: { sourcemap: false, outDir: isSsrBuild ? 'dist/server' : 'dist/client', chunkSizeWarningLimit: 1024 },
}));
