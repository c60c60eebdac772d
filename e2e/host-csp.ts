/**
 * The Content-Security-Policy the e2e host apps are served under, which docs/csp.md gives as the
 * frame-mode policy (server/test/docs-samples.test.ts holds the two equal): scripts from the
 * page's own origin only (the package's files are served from there), the Connect server for the
 * API and the frame. No 'unsafe-inline' or 'unsafe-eval' anywhere.
 */
export const hostPolicy = (connectOrigin: string) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${connectOrigin}`,
    `frame-src ${connectOrigin}`,
    `img-src 'self' data: ${connectOrigin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
