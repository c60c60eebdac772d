import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config/load.js';
import { HOSTILE_PROJECT_ID, UNSAFE_LINKS, hostileProject } from '../../scripts/hostile-metadata.js';
import { newKeyPair, testConfig } from './harness.js';

describe('config file', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'connect-config-'));
    await writeFile(join(dir, 'k1.public.pem'), newKeyPair().publicKey.export({ type: 'spki', format: 'pem' }));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function load(content: unknown): Promise<ConfigError> {
    const file = join(dir, 'connect.config.json');
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
    try {
      await loadConfig(file);
    } catch (error) {
      assert.ok(error instanceof ConfigError, String(error));
      return error;
    }
    assert.fail('the config was accepted');
  }

  /* eslint-disable @typescript-eslint/no-explicit-any -- each test breaks the config somewhere else, on purpose */
  function mutate(change: (config: any) => void): unknown {
    const config = testConfig() as any;
    change(config);
    return config;
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */

  it('loads the valid test config with its key', async () => {
    const file = join(dir, 'valid.json');
    await writeFile(file, JSON.stringify(testConfig()));
    const config = await loadConfig(file);
    const project = config.projects.get('test-project');
    assert.equal(project?.verificationKeys.length, 1);
    assert.equal(project?.integrations[0]?.type, 'crm');
  });

  it('names the file and reports invalid JSON', async () => {
    const error = await load('{ "projects": [ ');
    assert.match(error.message, /connect\.config\.json/);
    assert.match(error.problems[0]!, /not valid JSON/);
  });

  it('rejects a wildcard origin and names the field', async () => {
    const error = await load(mutate((config) => (config.projects[0].allowedOrigins = ['*'])));
    assert.deepEqual(error.problems, [
      '/projects/0/allowedOrigins/0: must be an exact origin such as https://app.example.com (no path, no wildcard)',
    ]);
  });

  it('rejects an origin with a path', async () => {
    const error = await load(mutate((config) => (config.projects[0].allowedOrigins = ['https://app.example.com/app'])));
    assert.match(error.problems[0]!, /^\/projects\/0\/allowedOrigins\/0: must be an exact origin/);
  });

  it('rejects an unknown key and names it', async () => {
    const error = await load(mutate((config) => (config.projects[0].integrations[0].colour = '#fff')));
    assert.deepEqual(error.problems, ['/projects/0/integrations/0: unknown key "colour"']);
  });

  it('rejects a javascript: icon, and a path that browsers read as another server', async () => {
    for (const icon of ['javascript:alert(1)', 'data:image/svg+xml,<svg onload=alert(1)>', '//evil.test/logo.png', '/\\evil.test/logo.png']) {
      const error = await load(mutate((config) => (config.projects[0].integrations[0].icon = icon)));
      assert.match(error.problems[0]!, /^\/projects\/0\/integrations\/0\/icon: /, icon);
    }
  });

  it('takes an https icon and a path icon', async () => {
    for (const icon of ['https://cdn.example.test/crm.svg', '/portal/icons/crm.svg']) {
      const file = join(dir, 'icon.json');
      await writeFile(file, JSON.stringify(mutate((config) => (config.projects[0].integrations[0].icon = icon))));
      assert.equal((await loadConfig(file)).projects.get('test-project')?.integrations[0]?.icon, icon);
    }
  });

  it('takes markup in names and texts (the portal shows them as text), and refuses a 1 MB description', async () => {
    const file = join(dir, 'hostile.json');
    const project = { ...hostileProject('https://app.example.test'), signingKeys: [{ kid: 'k1', publicKeyFile: 'k1.public.pem' }] };
    await writeFile(file, JSON.stringify({ projects: [project] }));
    const loaded = (await loadConfig(file)).projects.get(HOSTILE_PROJECT_ID)!;
    assert.equal(loaded.integrations[0]!.name, '<img src=x onerror=alert(1)>');
    assert.equal(loaded.integrations[0]!.shortDescription.length, 300);
    const huge = { ...project.integrations[0]!, shortDescription: 'W'.repeat(1024 * 1024) };
    const error = await load({ projects: [{ ...project, integrations: [huge] }] });
    assert.deepEqual(error.problems, ['/projects/0/integrations/0/shortDescription: must not have more than 300 characters']);
  });

  it('rejects every documentation or instruction link that is not https (security case 21)', async () => {
    for (const link of UNSAFE_LINKS) {
      const docs = await load(mutate((config) => (config.projects[0].integrations[0].userSettings[0].documentationLink = link)));
      assert.match(docs.problems[0]!, /^\/projects\/0\/integrations\/0\/userSettings\/0\/documentationLink: /, JSON.stringify(link));
      const cta = await load(
        mutate(
          (config) =>
            (config.projects[0].integrations[0].auth.instructions = { content: 'Read this.', ctas: [{ type: 'link', label: 'Open', href: link }] }),
        ),
      );
      assert.match(cta.problems[0]!, /^\/projects\/0\/integrations\/0\/auth\/instructions\/ctas\/0\/href: /, JSON.stringify(link));
    }
  });

  it('names what an oauth2 auth lacks, past the complaints an api_key auth would have', async () => {
    const error = await load(
      mutate((config) => {
        config.projects[0].integrations[0].auth = {
          scheme: 'oauth2',
          clientId: 'id',
          clientSecret: { env: 'SOME_SECRET' },
          authorizationUrl: 'https://provider.example/authorize',
          scopes: [],
          pkce: false,
          tokenAuthMethod: 'client_secret_basic',
        };
      }),
    );
    assert.deepEqual(error.problems, ['/projects/0/integrations/0/auth: must have required properties tokenUrl']);
  });

  it("names a per-account API base URL's unknown placeholder, and asks where it may land", async () => {
    const error = await load(mutate((config) => (config.projects[0].integrations[0].api = { baseUrl: 'https://{shop}.shop.test/{API_KEY}' })));
    assert.deepEqual(error.problems, [
      '/projects/0/integrations/0/api/baseUrl: "{shop}" names no pre-install input and no accountInfo.providerData value',
      "/projects/0/integrations/0/api/allowedHosts: required when baseUrl has placeholders, so that an account's values cannot send requests anywhere",
    ]);
    const scheme = await load(mutate((config) => (config.projects[0].integrations[0].api = { baseUrl: 'ftp://files.test' })));
    assert.match(scheme.problems[0]!, /^\/projects\/0\/integrations\/0\/api\/baseUrl: /);
  });

  it('names what a file listing gets wrong: no api, a placeholder its call does not know, a cursor nobody gives back', async () => {
    const files = {
      rootFolderId: 'root',
      list: { path: 'folders/{fileId}/items', cursorParam: 'marker' },
      search: { method: 'POST', path: 'search', body: { query: '{search}', scope: '{shop}' } },
      getFile: { path: 'files/{fileId}' },
      fields: { id: 'id', name: 'name' },
      folder: { path: 'type', equals: 'folder' },
      vendorPicker: { scopes: ['base_picker'] },
    };
    const error = await load(mutate((config) => (config.projects[0].integrations[0].files = files)));
    assert.deepEqual(error.problems, [
      '/projects/0/integrations/0/files: the file picker calls the integration\'s API: give its "api"',
      "/projects/0/integrations/0/files/vendorPicker: a vendor's picker needs a token from the provider: only for an oauth2 integration",
      '/projects/0/integrations/0/files/list: "{fileId}" is not known here; use {folderId}',
      '/projects/0/integrations/0/files/list: cursorParam needs nextCursorPath (where the answer gives the cursor)',
      '/projects/0/integrations/0/files/search: "{shop}" is not known here; use {search} or {folderId}',
    ]);
  });

  it("names what a workflow's code and trigger lack: a trigger, the module, a cron that parses", async () => {
    const error = await load(
      mutate((config) => {
        const workflows = config.projects[0].integrations[0].workflows;
        workflows[0].trigger = { type: 'request' };
        workflows[1].run = 'b.mjs';
        workflows[2].run = 'nowhere.mjs';
        workflows[2].trigger = { type: 'schedule', cron: '61 * * * *' };
        workflows[3].run = 'nowhere.mjs';
        workflows[3].trigger = { type: 'schedule', cron: 'every day' };
      }),
    );
    assert.deepEqual(error.problems, [
      '/projects/0/integrations/0/workflows/0/trigger: a triggered workflow needs "run", the module it runs',
      '/projects/0/integrations/0/workflows/1/run: a workflow with code needs a "trigger" saying when it runs',
      '/projects/0/integrations/0/workflows/2/trigger/cron: Constraint error, got value 61 expected range 0-59',
      '/projects/0/integrations/0/workflows/3/trigger/cron: give five fields (minute hour day month weekday, as "*/15 * * * *"), or six with seconds first',
    ]);
    const missing = await load(
      mutate((config) => {
        config.projects[0].integrations[0].workflows[0].run = 'nowhere.mjs';
        config.projects[0].integrations[0].workflows[0].trigger = { type: 'event', event: 'signup' };
      }),
    );
    assert.deepEqual(missing.problems, [`/projects/0/integrations/0/workflows/0/run: there is no file ${join(dir, 'nowhere.mjs')}`]);
  });

  it('rejects duplicate workflow ids', async () => {
    const error = await load(mutate((config) => (config.projects[0].integrations[0].workflows[1].id = 'wf-a')));
    assert.deepEqual(error.problems, ['/projects/0/integrations/0/workflows: workflow id "wf-a" appears more than once']);
  });

  it('rejects a missing key file and a key that is not an RSA public key', async () => {
    const missing = await load(mutate((config) => (config.projects[0].signingKeys[0].publicKeyFile = 'nope.pem')));
    assert.match(missing.problems[0]!, /^\/projects\/0\/signingKeys\/0\/publicKeyFile: cannot read/);
    await writeFile(join(dir, 'garbage.pem'), 'not a key');
    const garbage = await load(mutate((config) => (config.projects[0].signingKeys[0].publicKeyFile = 'garbage.pem')));
    assert.match(garbage.problems[0]!, /is not a PEM RSA public key/);
  });

  it('refuses a private key given as publicKeyFile, saying to give the public key', async () => {
    await writeFile(join(dir, 'private.pem'), newKeyPair().privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const error = await load(mutate((config) => (config.projects[0].signingKeys[0].publicKeyFile = 'private.pem')));
    assert.deepEqual(error.problems, [
      '/projects/0/signingKeys/0/publicKeyFile: private.pem is a private key; give the public key (the host app keeps the private key to sign user tokens)',
    ]);
  });

  it('takes server limits, and refuses a limit that is not a positive whole number', async () => {
    const file = join(dir, 'limits.json');
    await writeFile(file, JSON.stringify({ ...testConfig(), limits: { requestsPerUserPerMinute: 30 } }));
    assert.deepEqual((await loadConfig(file)).limits, { requestsPerUserPerMinute: 30 });
    const error = await load({ ...testConfig(), limits: { requestsPerUserPerMinute: 0 } });
    assert.match(error.problems[0]!, /^\/limits\/requestsPerUserPerMinute: /);
  });
});
