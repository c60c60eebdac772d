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
