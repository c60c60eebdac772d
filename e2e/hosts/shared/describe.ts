/**
 * What the bundled host apps (React, Vue, Svelte) share: the session their backend hands out and
 * the line each writes to its event log for an SDK event, so that e2e/host-apps.spec.ts reads the
 * same log from every app. Each app imports this file; Vite bundles it from outside the app's root.
 * (The plain-HTML app has no bundler and keeps its own copy in app.js.)
 */
export interface Session {
  projectId: string;
  connectUrl: string;
  user: string;
  token: string;
}

interface EventPayload {
  integrationType: string;
  workflowId?: string;
  workflowStateChange?: { enabled?: boolean };
  settings?: object;
}

/** One line of the host's event log, the same in every host app. */
export function describe(name: string, payload: EventPayload): string {
  const parts = [name, `integration=${payload.integrationType}`];
  if (payload.workflowId) parts.push(`workflow=${payload.workflowId}`, `enabled=${payload.workflowStateChange?.enabled}`);
  if (name === 'onSettingsChange') parts.push(`settings=${Object.keys(payload.settings ?? {}).join(',')}`);
  return parts.join(' ');
}
