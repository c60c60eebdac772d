/** Loads the headless install (`paragon.installFlow`, `installIntegration` straight to the sign-in) on first use. */
import { ConnectError, serializeError } from '../../../protocol/src/errors.js';
import { importBeside, onFirstUse } from '../lazy/import-beside.js';
import type { HeadlessInstall } from './headless-install.js';
import type { PortalRuntime } from './portal-runtime.js';

/** A loader of the runtime's one `HeadlessInstall`: the file is imported once; a failed load is tried again on the next call. */
export const headlessInstallOf = (runtime: PortalRuntime): (() => Promise<HeadlessInstall>) =>
  onFirstUse(() =>
    importBeside<{ HeadlessInstall: typeof HeadlessInstall }>('headless-install', 'runtime/headless-install.ts').then(
      (module) => new module.HeadlessInstall(runtime, { ConnectError, serializeError }),
    ),
  );
