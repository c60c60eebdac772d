/**
 * "Create contacts from new sign-ups": the host app sends `paragon.event('Signup', { name, email })`,
 * and each account that turned this workflow on gets the person as a contact in its sandbox.
 */
import type { WorkflowContext } from '../../server/src/workflows/runner.js';

interface Signup {
  name?: string;
  email?: string;
}

export default async function run(ctx: WorkflowContext) {
  const { payload } = ctx.trigger.payload as { payload: Signup };
  if (!payload.name || !payload.email) throw new Error('A Signup event needs a name and an email.');
  return ctx.request('POST', 'contacts', { name: payload.name, email: payload.email });
}
