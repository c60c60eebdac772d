/** The audit log: every write, and every request refused for naming something not the caller's. */
import { randomUUID } from 'node:crypto';
import type { Store } from './database.js';

export interface AuditEntry {
  projectId: string;
  userId: string | null;
  requestId: string;
  action: string;
  target?: string;
  outcome: 'ok' | 'denied';
  /** Never a secret: ids, setting names and states only. */
  detail?: Record<string, unknown>;
}

export async function recordAudit(db: Store, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      project_id: entry.projectId,
      user_id: entry.userId,
      request_id: entry.requestId,
      action: entry.action,
      target: entry.target ?? null,
      outcome: entry.outcome,
      detail: JSON.stringify(entry.detail ?? {}),
      created_at: new Date().toISOString(),
    })
    .execute();
}
