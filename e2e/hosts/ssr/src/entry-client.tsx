/**
 * The browser's half: hydrates the server's HTML. The element is defined (by App's import of
 * `@connect-portal/client/portal`) before React hydrates, so the server-rendered
 * `<paragon-connect-portal>` upgrades in place, and its shadow root is no child React compares.
 */
import { hydrateRoot } from 'react-dom/client';
import { App } from './App';

hydrateRoot(document.getElementById('root')!, <App />);
