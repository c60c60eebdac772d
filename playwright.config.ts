/**
 * End-to-end tests: real Chromium against the real servers that `npm start` runs (Connect server
 * on 127.0.0.1:4400, demo host app on 127.0.0.1:4500, a store of its own under data/e2e), plus
 * an attacker's page on a third origin (127.0.0.1:4600), and the host apps of e2e/hosts installed
 * from the packed client (127.0.0.1:4510).
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : 'list',
  use: { baseURL: 'http://127.0.0.1:4500', trace: 'retain-on-failure' },
  projects: [
    {
      name: 'chromium',
      use: { browserName: 'chromium', launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS } },
    },
  ],
  webServer: [
    {
      command: 'node --import tsx demo/start.ts',
      env: { DATA_DIR: 'data/e2e' },
      url: 'http://127.0.0.1:4500/',
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // Packs the client and installs each host app (e2e/hosts) from the tarball with npm: slow the first time.
      command: 'node --import tsx e2e/host-apps-server.ts 4510',
      url: 'http://127.0.0.1:4510/plain/',
      reuseExistingServer: !process.env.CI,
      timeout: 240_000,
    },
    {
      command: 'node --import tsx e2e/attacker-server.ts 4600',
      url: 'http://127.0.0.1:4600/attacker.html',
      reuseExistingServer: !process.env.CI,
      timeout: 20_000,
    },
  ],
});
