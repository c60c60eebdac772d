/**
 * The server's half, built by `vite build --ssr` and imported by e2e/host-apps-server.ts in Node:
 * the page's HTML for the app, before any script runs in the browser.
 */
import { renderToString } from 'react-dom/server';
import { App } from './App';

export function render(): string {
  return renderToString(<App />);
}
