/**
 * A page's first `Intl` formatter loads the browser's locale data (ICU): 30 to 70 ms of the main
 * thread on the development machine, the first time in a renderer process, whatever the
 * formatter and the language. The data is the process's, not the page's: once a worker of the
 * page has made one formatter, the page's own cost about a millisecond.
 */
import { LOCALE_DATA_POLICY } from '../../../protocol/src/frame-page.js';
import { fileBeside } from '../lazy/import-beside.js';

interface TrustedTypes {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): string };
}

/**
 * Starts `locale-data.worker` (the framed page does, as it loads). A worker must be of the page's
 * origin, which the portal's files are only in its frame; a host page's portal warms up on its
 * main thread instead (`ConnectPortal.authenticate`). Nothing here may stop the portal: where a
 * worker cannot start, the first formatter simply costs what it costs.
 */
export function warmLocaleDataInWorker(): void {
  const address = fileBeside('locale-data.worker', 'translations/locale-data.worker.ts');
  const trustedTypes = (window as unknown as { trustedTypes?: TrustedTypes }).trustedTypes;
  try {
    const policy = trustedTypes?.createPolicy(LOCALE_DATA_POLICY, {
      createScriptURL: (url) => {
        if (url !== address) throw new TypeError(`${LOCALE_DATA_POLICY} only starts ${address}.`);
        return url;
      },
    });
    new Worker(policy ? policy.createScriptURL(address) : address, { type: 'module', name: 'locale data' });
  } catch (error) {
    console.warn('Connect Portal: the locale data could not be loaded ahead in a worker.', error);
  }
}
