// Finds the Chromium that the browser tests drive. Plain JS, because web-test-runner's config
// (an .mjs file) imports it as well as playwright.config.ts. Nothing is ever downloaded.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Flags for a root user on a machine with no outbound network (see ../shared toolchain notes). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * The browser binary: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the Chromium that
 * `npx playwright install chromium` put in Playwright's cache. Throws saying what to install.
 * @returns {string}
 */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    const { chromium } = createRequire(import.meta.url)('playwright-core');
    candidates.push(chromium.executablePath());
  } catch {
    // playwright-core missing or without a cached browser: fall through to the message below.
  }
  const found = candidates.find((path) => path && existsSync(path));
  if (found) return found;
  throw new Error(
    'No Chromium for the browser tests. Install one of:\n' +
      '  sudo apt-get install -y chromium        (Debian/Ubuntu: /usr/bin/chromium)\n' +
      "  npx playwright install chromium        (Playwright's own build)\n" +
      'or set CHROMIUM_PATH to a Chrome or Chromium binary.',
  );
}
