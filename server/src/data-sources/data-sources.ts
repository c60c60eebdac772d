/**
 * Options of a dynamic dropdown, read from the user's own account: the integration's data source
 * (`dataSources` in the config) says which list of its API to call and how (path, where the items
 * are, which fields are label and value, how a search and a cursor are passed). The call goes
 * through `upstream.ts`, so it is the account's token, under the proxy's rules: a parameter or a
 * search can never change where it goes.
 */
import { ErrorCode } from '../../../protocol/src/errors.js';
import { fillPlaceholders, valueAtPath } from '../accounts/account-info.js';
import type { DataSourceConfig, IntegrationConfig } from '../config/load.js';
import { HttpError } from '../http-error.js';
import type { Upstream, UpstreamAccount } from '../proxy/upstream.js';
import type { VerifiedUser } from '../tokens.js';

export interface OptionsQuery {
  search?: string;
  /** The previous page's `nextPageCursor`; absent (or Paragon's `0`) for the first page. */
  cursor?: string;
  /** Values of the dropdowns this one depends on, by name (`{pipeline}` in the path). */
  parameters: Record<string, string>;
}

export interface OptionsPage {
  records: { label: string; value: string }[];
  nextPageCursor: string | null;
}

const DEFAULT_PAGE_SIZE = 50;

export function requireDataSource(integration: IntegrationConfig, sourceKey: string): DataSourceConfig {
  const source = integration.dataSources?.[sourceKey];
  if (!source || !Object.hasOwn(integration.dataSources!, sourceKey)) {
    throw new HttpError(404, ErrorCode.notFound, `${integration.name} has no data source "${sourceKey}" in the project config.`, 'sourceKey');
  }
  return source;
}

/** The source's path with its `{parameters}` filled, each URL-encoded: a value is a value, never a path. */
function fillPath(path: string, parameters: Record<string, string>): string {
  return fillPlaceholders(path, (name) => {
    const value = parameters[name];
    if (value === undefined || value === '') {
      throw new HttpError(400, ErrorCode.invalidRequest, `This dropdown depends on "${name}": choose it first.`, `parameters.${name}`);
    }
    return encodeURIComponent(value);
  });
}

const text = (value: unknown) =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

export async function loadOptions(
  upstream: Upstream,
  user: VerifiedUser,
  credential: UpstreamAccount,
  source: DataSourceConfig,
  { search, cursor, parameters }: OptionsQuery,
): Promise<OptionsPage> {
  const [pathname = '', given = ''] = fillPath(source.path, parameters).split('?', 2);
  const query = new URLSearchParams(given);
  if (search && source.searchParam) query.set(source.searchParam, search);
  if (cursor && source.cursorParam) query.set(source.cursorParam, cursor);
  if (source.limitParam) query.set(source.limitParam, String(source.pageSize ?? DEFAULT_PAGE_SIZE));
  const path = query.size > 0 ? `${pathname}?${query}` : pathname;
  const { data } = await upstream.request(user, credential, { method: 'GET', path, headers: { accept: 'application/json' } });
  const items = source.itemsPath ? valueAtPath(data, source.itemsPath) : data;
  if (!Array.isArray(items)) {
    throw new HttpError(502, ErrorCode.proxyRequestFailed, `The integration's API did not answer a list at "${source.itemsPath ?? '(the answer)'}".`);
  }
  const needle = !source.searchParam && search ? search.toLowerCase() : undefined;
  const records: OptionsPage['records'] = [];
  for (const item of items) {
    const value = text(valueAtPath(item, source.valueField));
    if (value === undefined) continue;
    const label = text(valueAtPath(item, source.labelField)) ?? value;
    // An API that cannot search: the page is filtered here, so what the user typed still narrows it.
    if (needle && !label.toLowerCase().includes(needle) && !value.toLowerCase().includes(needle)) continue;
    records.push({ label, value });
  }
  const next = source.nextCursorPath ? text(valueAtPath(data, source.nextCursorPath)) : undefined;
  return { records, nextPageCursor: next ? next : null };
}
