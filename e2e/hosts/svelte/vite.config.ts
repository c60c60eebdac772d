import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Served under /svelte/ by e2e/host-apps-server.ts. Svelte needs no custom-element option: a tag
// with a hyphen is one, and Svelte sets an attribute as a property when the element has it.
export default defineConfig({ base: '/svelte/', plugins: [svelte()], build: { sourcemap: false } });
