/**
 * What `<paragon-connect-portal>` provides once to every element inside it (`@lit/context`), so
 * that nothing is passed down by hand: the runtime that owns the session, and the language. An
 * element used on its own (in a test, or in a host's own headless UI) falls back to English and
 * has no runtime.
 */
import { createContext } from '@lit/context';
import type { PortalRuntime } from '../runtime/portal-runtime.js';
import type { I18n } from '../translations/i18n.js';

export const runtimeContext = createContext<PortalRuntime | undefined>(Symbol('paragon-runtime'));

export const i18nContext = createContext<I18n>(Symbol('paragon-i18n'));
