import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Served under /vue/ by e2e/host-apps-server.ts. Vue must be told the tag is a custom element.
export default defineConfig({
  base: '/vue/',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('paragon-') } } })],
  build: { sourcemap: false },
});
