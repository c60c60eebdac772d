// Component tests: every *.test.ts beside its element, in real (Debian) Chromium, against a real
// Connect server (scripts/component-server.ts). Run through tsx (`npm run test:components`), so
// this config can start that TypeScript server.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';
import { COMPONENT_PORTS, startComponentServer } from './scripts/component-server.ts';

/** Starts the Connect server with the test pages' server, and stops it with them. */
function connectServer() {
  let server;
  return {
    name: 'connect-server',
    async serverStart() {
      server = await startComponentServer();
    },
    async serverStop() {
      await server?.close();
    },
  };
}

export default {
  files: ['protocol/src/**/*.test.ts', 'portal/src/**/*.test.ts', 'host-bridge/src/**/*.test.ts'],
  nodeResolve: true,
  hostname: '127.0.0.1',
  port: COMPONENT_PORTS.page,
  // tsconfig must be passed: without it esbuild uses standard decorators and Lit throws.
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), connectServer()],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  concurrency: 1,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testFramework: { config: { timeout: 5000 } },
};
