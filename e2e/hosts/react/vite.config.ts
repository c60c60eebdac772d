import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served under /react/ by e2e/host-apps-server.ts.
export default defineConfig({ base: '/react/', plugins: [react()], build: { sourcemap: false } });
