/**
 * Provider presets: every preset loads as a config entry that adds only its id, client id and
 * client secret; each says what its provider needs (account types, pre- and post-install inputs,
 * client authentication, scope separator); entries can override it; and mistakes are refused
 * with the field at fault. The authorization URLs of a few are built as the broker builds them.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig, type ConnectConfig, type IntegrationConfig, type OAuth2AuthConfig } from '../src/config/load.js';
import { PRESETS } from '../src/config/presets/index.js';
import { authorizationUrl } from '../src/oauth/broker.js';
import type { ConnectInputValue } from '../../protocol/src/inputs.js';
import { problemWith } from '../src/settings.js';
import { PROJECT_ID, newKeyPair, testConfig } from './harness.js';

const ENV = { PRESET_SECRET: 'preset-secret' };
const NAMES = Object.keys(PRESETS);

/** A config entry naming a preset, as a host app writes it. */
const entry = (name: string, extra: Record<string, unknown> = {}) => ({
  id: `int-${name}`,
  preset: name,
  ...extra,
  auth: { clientId: 'id', clientSecret: { env: 'PRESET_SECRET' }, ...(extra.auth as object | undefined) },
});

describe('provider presets', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'connect-presets-'));
    await writeFile(join(dir, 'k1.public.pem'), newKeyPair().publicKey.export({ type: 'spki', format: 'pem' }));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  let files = 0;
  async function write(integrations: unknown[]): Promise<string> {
    const config = testConfig() as { projects: { integrations: unknown[] }[] };
    config.projects[0]!.integrations = integrations;
    const file = join(dir, `config-${files++}.json`);
    await writeFile(file, JSON.stringify(config));
    return file;
  }

  async function load(...integrations: unknown[]): Promise<ConnectConfig> {
    return loadConfig(await write(integrations), ENV);
  }

  async function refused(...integrations: unknown[]): Promise<ConfigError> {
    try {
      await loadConfig(await write(integrations), ENV);
    } catch (error) {
      assert.ok(error instanceof ConfigError, String(error));
      return error;
    }
    assert.fail('the config was accepted');
  }

  /** The one integration of a config loaded from a single preset entry. */
  async function integrationOf(name: string, extra?: Record<string, unknown>): Promise<IntegrationConfig & { auth: OAuth2AuthConfig }> {
    const project = (await load(entry(name, extra))).projects.get(PROJECT_ID)!;
    const integration = project.integrations[0]!;
    assert.equal(integration.auth.scheme, 'oauth2');
    return integration as IntegrationConfig & { auth: OAuth2AuthConfig };
  }

  it('offers at least the ten documented providers', () => {
    for (const name of ['slack', 'google', 'salesforce', 'hubspot', 'github', 'microsoft', 'notion', 'jira', 'shopify', 'zendesk']) {
      assert.ok(NAMES.includes(name), `no preset "${name}"`);
    }
  });

  for (const name of NAMES) {
    it(`loads the "${name}" preset with only an id, a client id and a client secret`, async () => {
      const config = await load(entry(name));
      const project = config.projects.get(PROJECT_ID)!;
      const integration = project.integrations[0]!;
      assert.equal(integration.id, `int-${name}`);
      assert.equal(integration.type, name, 'a preset is named after its integration type');
      assert.ok(integration.name.length > 0 && integration.shortDescription.length > 0 && integration.longDescription);
      assert.match(integration.brandColor, /^#[0-9A-Fa-f]{6}$/);
      assert.equal(integration.icon, undefined);
      assert.deepEqual(project.oauthClients.get(name), { clientId: 'id', clientSecret: 'preset-secret' });
      const { auth } = integration;
      assert.equal(auth.scheme, 'oauth2');
      if (auth.scheme !== 'oauth2') return;
      const urls = [
        auth.authorizationUrl,
        auth.tokenUrl,
        auth.accountInfo?.url,
        ...(auth.accountTypes ?? []).flatMap((type) => [type.authorizationUrl, type.tokenUrl]),
      ];
      for (const url of urls.filter((url) => url !== undefined)) assert.match(url, /^https:\/\//, `${name}: ${url} is not https`);
      assert.ok(!('clientId' in PRESETS[name]!.auth) && !('clientSecret' in PRESETS[name]!.auth), 'the host supplies its own client');
    });
  }

  it('Slack: comma-separated scopes, HTTP Basic, no PKCE, the workspace from the token response', async () => {
    const { auth } = await integrationOf('slack');
    assert.equal(auth.scopeSeparator, ',');
    assert.equal(auth.tokenAuthMethod, 'client_secret_basic');
    assert.equal(auth.pkce, false);
    assert.equal(auth.accountInfo?.url, undefined);
    assert.equal(auth.accountInfo?.idPath, 'team.id');
    assert.ok(auth.scopes.includes('chat:write') && auth.scopes.includes('channels:read'));
  });

  it('Google: offline access with consent, identity from the ID token', async () => {
    const { auth } = await integrationOf('google');
    assert.deepEqual(auth.authorizationParams, { access_type: 'offline', prompt: 'consent' });
    assert.deepEqual(auth.scopes.slice(0, 3), ['openid', 'email', 'profile']);
    assert.equal(auth.accountInfo?.idPath, 'id_token:sub');
  });

  it('Salesforce: production and sandbox account types with different endpoints; the instance URL kept', async () => {
    const { auth } = await integrationOf('salesforce');
    const types = auth.accountTypes ?? [];
    assert.deepEqual(
      types.map((type) => type.id),
      ['production', 'sandbox'],
    );
    const [production, sandbox] = types;
    assert.equal(production!.tokenUrl, 'https://login.salesforce.com/services/oauth2/token');
    assert.equal(sandbox!.tokenUrl, 'https://test.salesforce.com/services/oauth2/token');
    assert.notEqual(production!.authorizationUrl, sandbox!.authorizationUrl);
    assert.deepEqual(auth.scopes, ['api', 'refresh_token']);
    assert.equal(auth.accountInfo?.providerData?.instanceUrl, 'instance_url');
  });

  it('HubSpot: the account from an endpoint that takes the token as a Bearer header', async () => {
    const { auth } = await integrationOf('hubspot');
    assert.equal(auth.accountInfo?.url, 'https://api.hubapi.com/account-info/v3/details');
    assert.doesNotMatch(auth.accountInfo?.url ?? '', /\{/);
    assert.ok(auth.scopes.includes('oauth'));
  });

  it('GitHub and Microsoft: the account from /user and from the ID token', async () => {
    const github = (await integrationOf('github')).auth;
    assert.equal(github.accountInfo?.url, 'https://api.github.com/user');
    assert.equal(github.pkce, undefined, 'GitHub supports PKCE: on by default');
    const microsoft = (await integrationOf('microsoft')).auth;
    assert.match(microsoft.authorizationUrl, /\/common\/oauth2\/v2\.0\/authorize$/);
    assert.ok(microsoft.scopes.includes('offline_access') && microsoft.scopes.includes('profile'));
    assert.equal(microsoft.accountInfo?.idPath, 'id_token:oid');
  });

  it('Notion: HTTP Basic at the token endpoint, no scopes, the workspace from the token response', async () => {
    const { auth } = await integrationOf('notion');
    assert.equal(auth.tokenAuthMethod, 'client_secret_basic');
    assert.deepEqual(auth.scopes, []);
    assert.equal(auth.authorizationParams?.owner, 'user');
    assert.equal(auth.accountInfo?.idPath, 'workspace_id');
    assert.equal(auth.accountInfo?.namePath, 'workspace_name');
  });

  it('Jira: the Atlassian audience and consent, and a site picked after connecting', async () => {
    const { auth } = await integrationOf('jira');
    assert.deepEqual(auth.authorizationParams, { audience: 'api.atlassian.com', prompt: 'consent' });
    assert.ok(auth.scopes.includes('offline_access') && auth.scopes.includes('read:me'));
    assert.equal(auth.accountInfo?.url, 'https://api.atlassian.com/me');
    const [site, ...others] = auth.postInstallInputs ?? [];
    assert.equal(others.length, 0);
    assert.equal(site?.id, 'cloudId');
    assert.equal(site?.type, 'DYNAMIC_ENUM');
    assert.equal(site?.type === 'DYNAMIC_ENUM' && site.sourceType, 'accessibleResources');
  });

  it('Shopify: a shop name asked first, in both URLs, checked against its pattern', async () => {
    const { auth } = await integrationOf('shopify');
    const [shop, ...others] = auth.preInstallInputs ?? [];
    assert.equal(others.length, 0);
    assert.equal(shop?.id, 'shop');
    assert.equal(shop?.type, 'TEXT_NO_VARS');
    assert.equal(auth.authorizationUrl, 'https://{shop}.myshopify.com/admin/oauth/authorize');
    assert.equal(auth.tokenUrl, 'https://{shop}.myshopify.com/admin/oauth/access_token');
    assert.equal(auth.scopeSeparator, ',');
    assert.equal(problemWith(shop!, 'my-store-2'), undefined);
    for (const bad of ['My Store', 'shop.myshopify.com', '-shop', 'evil.com/x']) assert.ok(problemWith(shop!, bad), `"${bad}" was accepted`);
  });

  it('Zendesk: a subdomain asked first, in the authorization, token and account URLs', async () => {
    const { auth } = await integrationOf('zendesk');
    const [subdomain, ...others] = auth.preInstallInputs ?? [];
    assert.equal(others.length, 0);
    assert.equal(subdomain?.id, 'subdomain');
    assert.equal(auth.authorizationUrl, 'https://{subdomain}.zendesk.com/oauth/authorizations/new');
    assert.equal(auth.tokenUrl, 'https://{subdomain}.zendesk.com/oauth/tokens');
    assert.equal(auth.accountInfo?.url, 'https://{subdomain}.zendesk.com/api/v2/users/me.json');
    assert.equal(auth.accountInfo?.idPath, 'user.id');
    assert.equal(problemWith(subdomain!, 'acme'), undefined);
    assert.ok(problemWith(subdomain!, 'acme.zendesk.com'));
  });

  it('offers the storage presets, each with an API and a file picker; the others have none', async () => {
    const storage = ['googledrive', 'box', 'onedrive', 'sharepoint', 'dropbox'];
    for (const name of NAMES) {
      const integration = await integrationOf(name);
      assert.equal(integration.files !== undefined, storage.includes(name), `${name}: files`);
      if (storage.includes(name)) assert.match(integration.api?.baseUrl ?? '', /^https:\/\/[a-z.]+(\/[^{]*)?$/, `${name}: a fixed https API`);
    }
  });

  it('refuses an unknown preset, naming the known ones', async () => {
    for (const name of ['slak', 'constructor', '__proto__', 42]) {
      const error = await refused({ ...entry('slack'), preset: name });
      assert.equal(error.problems.length, 1);
      assert.match(error.problems[0]!, /^\/projects\/0\/integrations\/0\/preset: unknown preset /);
      for (const known of NAMES) assert.ok(error.problems[0]!.includes(known), `"${known}" not named in: ${error.problems[0]}`);
    }
  });

  it('lets the config override a preset: top-level keys replace, auth keys replace one by one', async () => {
    const integration = await integrationOf('slack', {
      name: 'Slack (Acme)',
      auth: { scopes: ['chat:write'], accountInfo: { idPath: 'authed_user.id' } },
    });
    assert.equal(integration.name, 'Slack (Acme)');
    assert.equal(integration.brandColor, PRESETS.slack!.brandColor, 'what the entry does not set comes from the preset');
    assert.deepEqual(integration.auth.scopes, ['chat:write'], 'a list is replaced whole');
    assert.equal(integration.auth.scopeSeparator, ',');
    assert.equal(integration.auth.tokenUrl, 'https://slack.com/api/oauth.v2.access');
    assert.deepEqual(integration.auth.accountInfo, { idPath: 'authed_user.id' }, 'an auth key is replaced whole, not merged');
    // The preset object itself is left as it was for the next config.
    const preset = PRESETS.slack!.auth;
    assert.deepEqual(preset.scheme === 'oauth2' && preset.scopes, ['chat:write', 'chat:write.public', 'channels:read', 'groups:read']);
  });

  it('lets two projects use the same preset, and one project use two presets', async () => {
    const project = (await load(entry('github'), entry('jira'))).projects.get(PROJECT_ID)!;
    assert.deepEqual(
      project.integrations.map((integration) => integration.type),
      ['github', 'jira'],
    );
    const twice = await refused(entry('github'), { ...entry('github'), id: 'int-github-2' });
    assert.deepEqual(twice.problems, ['/projects/0/integrations: integration type "github" appears more than once']);
  });

  it('refuses a preset entry without a client secret, naming the field', async () => {
    const { clientSecret: _, ...auth } = entry('hubspot').auth;
    const error = await refused({ id: 'int-hubspot', preset: 'hubspot', auth });
    assert.equal(error.problems.length, 1);
    assert.deepEqual(error.problems, ['/projects/0/integrations/0/auth: must have required properties clientSecret']);
  });

  it('refuses a client secret whose environment variable is not set, naming the field', async () => {
    const file = await write([entry('notion')]);
    await assert.rejects(loadConfig(file, {}), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems, ['/projects/0/integrations/0/auth/clientSecret: the environment variable PRESET_SECRET is not set']);
      return true;
    });
  });

  describe('authorization URLs', () => {
    const client = { clientId: 'client-1', clientSecret: 'never-in-a-url' };
    const redirectUri = 'https://connect.example.com/oauth/callback';
    const build = async (name: string, values: Record<string, ConnectInputValue> = {}, accountTypeId?: string) => {
      const { auth } = await integrationOf(name);
      const accountType = auth.accountTypes?.find((type) => type.id === accountTypeId);
      const href = authorizationUrl({ auth, accountType, client, redirectUri, state: 'state-1', codeVerifier: 'verifier-1', values });
      assert.doesNotMatch(href, /never-in-a-url/);
      return new URL(href);
    };

    it('Shopify: the host from the shop name, scopes joined by commas', async () => {
      const url = await build('shopify', { shop: 'acme-store' });
      assert.equal(url.origin, 'https://acme-store.myshopify.com');
      assert.equal(url.pathname, '/admin/oauth/authorize');
      assert.equal(url.searchParams.get('scope'), 'read_products,read_orders');
      assert.equal(url.searchParams.get('client_id'), 'client-1');
      assert.equal(url.searchParams.get('redirect_uri'), redirectUri);
      assert.equal(url.searchParams.get('state'), 'state-1');
      // A value that would change the host is refused before any URL is made.
      const { auth } = await integrationOf('shopify');
      assert.throws(() =>
        authorizationUrl({ auth, accountType: undefined, client, redirectUri, state: 's', codeVerifier: 'v', values: { shop: 'evil.com/x' } }),
      );
    });

    it('Slack: commas between scopes, and no PKCE parameters', async () => {
      const url = await build('slack');
      assert.equal(`${url.origin}${url.pathname}`, 'https://slack.com/oauth/v2/authorize');
      assert.equal(url.searchParams.get('scope'), 'chat:write,chat:write.public,channels:read,groups:read');
      assert.equal(url.searchParams.get('code_challenge'), null);
      assert.equal(url.searchParams.get('code_challenge_method'), null);
    });

    it('Google: spaces between scopes, offline access, consent, PKCE', async () => {
      const url = await build('google');
      assert.equal(url.searchParams.get('scope'), 'openid email profile');
      assert.equal(url.searchParams.get('access_type'), 'offline');
      assert.equal(url.searchParams.get('prompt'), 'consent');
      assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
      assert.equal(url.searchParams.get('response_type'), 'code');
    });

    it('Storage: Drive read-only and offline, Box without PKCE, Dropbox offline with PKCE, SharePoint for work accounts only', async () => {
      const drive = await build('googledrive');
      assert.equal(drive.searchParams.get('scope'), 'openid email profile https://www.googleapis.com/auth/drive.readonly');
      assert.equal(drive.searchParams.get('access_type'), 'offline');
      const box = await build('box');
      assert.equal(`${box.origin}${box.pathname}`, 'https://account.box.com/api/oauth2/authorize');
      assert.equal(box.searchParams.get('code_challenge'), null);
      const dropbox = await build('dropbox');
      assert.equal(dropbox.searchParams.get('token_access_type'), 'offline');
      assert.equal(dropbox.searchParams.get('code_challenge_method'), 'S256');
      assert.equal(dropbox.searchParams.get('scope'), 'account_info.read files.metadata.read files.content.read');
      assert.match((await build('sharepoint')).pathname, /^\/organizations\/oauth2\/v2\.0\/authorize$/);
      const { auth, dataSources } = await integrationOf('sharepoint');
      const [site, ...others] = auth.postInstallInputs ?? [];
      assert.equal(others.length, 0);
      assert.deepEqual([site?.id, site?.type, site?.type === 'DYNAMIC_ENUM' && site.sourceType], ['siteId', 'DYNAMIC_ENUM', 'sites']);
      assert.equal(dataSources?.sites?.path, 'sites?search=*');
      assert.ok((await build('onedrive')).searchParams.get('scope')!.split(' ').includes('Files.Read'));
    });

    it('Salesforce: the sandbox account type signs in at test.salesforce.com', async () => {
      assert.equal((await build('salesforce', {}, 'sandbox')).host, 'test.salesforce.com');
      assert.equal((await build('salesforce', {}, 'production')).host, 'login.salesforce.com');
    });

    it('Zendesk, Notion and Jira: subdomain host; owner=user and no scope; audience and consent', async () => {
      const zendesk = await build('zendesk', { subdomain: 'acme' });
      assert.equal(`${zendesk.origin}${zendesk.pathname}`, 'https://acme.zendesk.com/oauth/authorizations/new');
      assert.equal(zendesk.searchParams.get('scope'), 'read write');
      const notion = await build('notion');
      assert.equal(notion.searchParams.get('owner'), 'user');
      assert.equal(notion.searchParams.has('scope'), false);
      const jira = await build('jira');
      assert.equal(jira.searchParams.get('audience'), 'api.atlassian.com');
      assert.equal(jira.searchParams.get('prompt'), 'consent');
      assert.equal(jira.searchParams.get('scope'), 'read:jira-work write:jira-work read:jira-user read:me offline_access');
    });
  });
});

describe('token request parameters', () => {
  it("sends a preset's tokenParams (Shopify's expiring=1) with the code exchange and the refresh", async () => {
    const { exchangeCode, refreshGrant } = await import('../src/oauth/broker.js');
    const { PRESETS } = await import('../src/config/presets/index.js');
    const bodies: string[] = [];
    const fetcher = (async (_url: string | URL | Request, init?: RequestInit) => {
      bodies.push((init?.body as URLSearchParams).toString()); // the broker posts a form
      return Response.json({ access_token: 'a', refresh_token: 'r', expires_in: 3600 });
    }) as typeof fetch;
    const auth = { ...PRESETS.shopify!.auth, clientId: 'id', clientSecret: { env: 'X' } } as never;
    const request = { auth, accountType: undefined, client: { clientId: 'id', clientSecret: 'secret' }, values: { shop: 'my-shop' }, fetcher };
    await exchangeCode(request, { code: 'c', redirectUri: 'https://connect.test/oauth/callback', codeVerifier: 'v' });
    await refreshGrant(request, 'r');
    for (const body of bodies) assert.equal(new URLSearchParams(body).get('expiring'), '1');
    assert.equal(new URLSearchParams(bodies[1]).get('grant_type'), 'refresh_token');
  });
});
