/**
 * "Count my contacts": `paragon.workflow('wf-sandbox-count', { selectedCredentialId })` answers how
 * many contacts the chosen account has in the sandbox, paging through them as the account.
 */
import type { WorkflowContext } from '../../server/src/workflows/runner.js';

interface Page {
  items: { id: string }[];
  nextCursor: string | null;
}

export default async function run(ctx: WorkflowContext) {
  let count = 0;
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '100', ...(cursor && { cursor }) });
    const page = (await ctx.request('GET', `contacts?${query}`)) as Page;
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor && !ctx.signal.aborted);
  return { account: ctx.credentialId, contacts: count };
}
