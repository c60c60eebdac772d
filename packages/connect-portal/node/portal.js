/**
 * `@connect-portal/client/portal` as Node resolves it (the package's "node" export condition):
 * server rendering (Vite SSR, Next.js, Angular SSR, any framework rendering HTML in Node) and
 * test runners. Without a DOM there is nothing to define, and the element's module would throw
 * on import (`HTMLElement is not defined`), so here it does nothing: the server's HTML carries
 * `<paragon-connect-portal>` as markup, and the browser's import of this same path (the "default"
 * condition) defines the element, which then upgrades in place. With a DOM (jsdom or happy-dom in
 * a test runner) it defines the element as a browser does. It exports no class: the browser
 * module's classes are reached through the element (`document.createElement`).
 */
if (typeof customElements !== 'undefined' && typeof HTMLElement !== 'undefined') await import('../portal/paragon-connect-portal.js');
export {};
