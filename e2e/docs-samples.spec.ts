/**
 * The docs' samples that need a browser (scripts/docs-samples.ts says which): the quick start,
 * followed as written in a fresh folder against a Connect server it starts itself, and every
 * host-page sample (```js run, ```html run), each in a page of its own on the demo host's origin
 * with the real host bridge and the demo's Connect server. A sample passes when it completes
 * without an error and what its page says it does happened.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { kindOf, listSamples, quickStartSteps, where, type Sample } from '../scripts/docs-samples.js';
import { CONNECT_URL, PROJECT_ID, connectWithSandbox, freshUser, openHostPage, openIntegration, signDemoToken, storedState } from './helpers.js';

const samples = listSamples();
const HOST_ORIGIN = 'http://127.0.0.1:4500';
/** The Connect server the docs write; the samples run against the demo's. */
const DOCS_CONNECT_URL = 'https://connect.example.com';
const CRM_INTEGRATION_ID = '5b1c3f5e-6c0a-4c51-9a43-2f4a9d1c7e01';

/** A port the system has free now, outside the fixed e2e range. */
const freePort = () =>
  new Promise<number>((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });

async function answers(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error(`${url} did not answer in ${timeoutMs} ms`);
}

test('the quick start, followed as written in a fresh folder, puts a portal in the page that connects an account', async ({ page }) => {
  test.setTimeout(60_000);
  const steps = quickStartSteps(samples);
  expect(steps.length).toBeGreaterThanOrEqual(6);
  // The reader's ports (4400, 8080) may be taken on a shared machine: the same text on free ones.
  const [connectPort, appPort] = [await freePort(), await freePort()];
  const onFreePorts = (text: string) => text.replaceAll('4400', String(connectPort)).replaceAll('8080', String(appPort));
  const folder = await mkdtemp(join(tmpdir(), 'quick-start-'));
  // The repository as `connect-portal/`: a real folder of links to its entries, so that `../my-app`
  // from inside it is the folder beside it (through one link to the whole, it would be the repository's parent).
  await mkdir(join(folder, 'connect-portal'));
  for (const entry of await readdir('.')) await symlink(resolve(entry), join(folder, 'connect-portal', entry));
  const running: ChildProcess[] = [];
  // The reader's shell: no DATABASE_URL from the test run, so the server stores in SQLite under
  // my-app/data as the page says, a fresh store each run (a shared database kept the last run's account).
  const { DATABASE_URL: _fromTheTestRun, ...env } = process.env;
  try {
    for (const step of steps) {
      const code = onFreePorts(step.code);
      if (typeof step.meta.file === 'string') {
        await mkdir(dirname(join(folder, step.meta.file)), { recursive: true });
        await writeFile(join(folder, step.meta.file), code);
      } else if (step.meta.background) {
        const child = spawn('sh', ['-c', code], { cwd: folder, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
        const output: string[] = [];
        for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => output.push(chunk.toString()));
        child.on('exit', (code) => code && console.error(`${where(step)} exited ${code}:\n${output.join('')}`));
        running.push(child);
      } else {
        execFileSync('sh', ['-c', code], { cwd: folder, env, stdio: 'pipe' });
      }
    }
    await answers(`http://127.0.0.1:${connectPort}/healthz`);
    await answers(`http://127.0.0.1:${appPort}/`);

    const logs: string[] = [];
    page.on('console', (message) => logs.push(message.text()));
    await page.goto(`http://127.0.0.1:${appPort}/`);
    await page.getByRole('button', { name: 'Connect Acme CRM' }).click();
    const dialog = page.frameLocator('iframe[title="Connect Portal"]').getByRole('dialog', { name: 'Acme CRM' });
    await expect(dialog).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('quick-start-portal.png') });
    await dialog.getByRole('button', { name: 'Connect an account' }).click();
    await dialog.getByLabel('API key').fill('acme_live_quick_start');
    await dialog.getByRole('button', { name: 'Connect account' }).click();
    await expect(dialog.getByRole('heading', { name: 'Acme CRM is connected.' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => logs.find((line) => line.startsWith('connected account '))).toMatch(/^connected account \S+$/);
  } finally {
    for (const child of running) if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await rm(folder, { recursive: true, force: true });
  }
});

// ---- host-page samples ----------------------------------------------------------------------

/** What a sample's page must show once it has run, beyond completing without an error. */
const RESULTS: { sample: string; check(page: Page, logs: string[], user: string): Promise<void> }[] = [
  {
    sample: 'frameEmbedding({ container',
    check: async (page) =>
      expect(page.locator('#integrations iframe').contentFrame().getByRole('heading', { name: 'Acme CRM', level: 2 })).toBeVisible(),
  },
  {
    sample: 'elementEmbedding(element)',
    check: async (page) => expect(page.locator('paragon-connect-portal').getByRole('heading', { name: 'Acme CRM', level: 2 })).toBeVisible(),
  },
  {
    sample: "paragon.installFlow.start('crm'",
    check: async (page, logs, user) => {
      await expect.poll(() => logs.find((line) => line.startsWith('connected '))).toBeTruthy();
      const [account] = (await storedState(user)).integrations.crm!.allCredentials;
      expect(logs).toContain(`connected ${account!.id}`);
    },
  },
  {
    sample: "onOpen: () => console.log('portal open')",
    check: async (_page, logs) =>
      expect(logs.filter((line) => /^portal|^nothing/.test(line))).toEqual(['portal open', 'portal closed', 'nothing connected']),
  },
  {
    sample: "{ pipeline: 'Enterprise' }",
    check: async (_page, _logs, user) => {
      const [account] = (await storedState(user)).integrations.crm!.allCredentials;
      expect(account!.configurations[0]!.sharedSettings).toMatchObject({ pipeline: 'Enterprise' });
      expect(account!.configurations[0]!.workflowSettings['wf-deal-won']?.enabled).toBe(true);
    },
  },
  {
    sample: "setAppearance({ theme: 'dark' })",
    check: async (page) =>
      expect(page.frameLocator('iframe[title="Connect Portal"]').locator('paragon-connect-portal')).toHaveAttribute('theme', 'dark'),
  },
  {
    sample: "setAppearance({ locale: 'fr' })",
    check: async (page) =>
      expect(page.frameLocator('iframe[title="Connect Portal"]').locator('paragon-connect-portal')).toHaveAttribute('lang', 'fr'),
  },
];

/** `console.log(...); // what it prints`: the comment is what the page must have printed. */
const printedByComment = (sample: Sample) => [...sample.code.matchAll(/console\.log\(.*\);\s*\/\/ (.+)$/gm)].map((match) => match[1]!.trim());

/** The page a sample runs in: on the host origin, the SDK's files where the docs say they are, the user's token. */
function samplePage(sample: Sample, userToken: string, credentialId = ''): string {
  const code = sample.code.replaceAll(DOCS_CONNECT_URL, CONNECT_URL);
  const head = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<script type="importmap">{ "imports": { "@connect-portal/client": "/docs-sdk/paragon.js", "@connect-portal/client/element": "/docs-sdk/element.js" } }</script>
<script>window.projectId = ${JSON.stringify(PROJECT_ID)}; window.userToken = ${JSON.stringify(userToken)}; window.credentialId = ${JSON.stringify(credentialId)};</script>
<script src="/paragon.js"></script>
</head>
<body>
<section id="integrations"></section>
`;
  if (sample.lang === 'html') return `${head}${code}<script>window.sampleOutcome = 'ok';</script></body></html>`;
  // Imports stay at the top of the module; the rest runs after the sign-in the prose around it did.
  const imports = code.split('\n').filter((line) => line.startsWith('import '));
  const body = code
    .split('\n')
    .filter((line) => !line.startsWith('import '))
    .join('\n');
  const signIn = /\.authenticate\(/.test(code)
    ? ''
    : `paragon.configureGlobal({ host: ${JSON.stringify(CONNECT_URL)} }); await paragon.authenticate(projectId, userToken);`;
  return `${head}<script type="module">
${imports.join('\n')}
try {
  ${signIn}
${body}
  window.sampleOutcome = 'ok';
} catch (error) {
  window.sampleOutcome = 'error: ' + error.message;
}
</script></body></html>`;
}

test('each result check finds its sample, so that rewording a sample cannot drop its check', () => {
  const pages = samples.filter((sample) => kindOf(sample) === 'page');
  for (const { sample } of RESULTS)
    expect(
      pages.filter((page) => page.code.includes(sample)),
      sample,
    ).toHaveLength(1);
  // An html sample sets no outcome of its own: only its result check says it worked.
  for (const page of pages.filter((candidate) => candidate.lang === 'html')) {
    expect(
      RESULTS.some(({ sample }) => page.code.includes(sample)),
      where(page),
    ).toBe(true);
  }
});

test.describe('host-page samples', () => {
  let browser: Browser;
  test.beforeAll(async () => {
    // The sample pages are served through a route, which Chromium counts as public pages: its Local
    // Network Access checks would then refuse them the loopback Connect server (as in bridge-security.spec.ts).
    browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'] });
  });
  test.afterAll(() => browser.close());

  for (const sample of samples.filter((candidate) => kindOf(candidate) === 'page')) {
    test(`${where(sample)} runs in a host page`, async ({ page: hostPage }) => {
      const user = freshUser('docs-sample');
      let credentialId = '';
      if (sample.meta.run === 'with-sandbox-account') {
        // An OAuth account, connected as a user does: in the demo host page, through the sandbox's sign-in.
        // As carol: a sample may add contacts, and other specs count alice's and bob's.
        await openHostPage(hostPage, user);
        const ui = await openIntegration(hostPage, 'element', 'sandbox', 'Sandbox CRM');
        await ui.getByRole('button', { name: 'Connect an account' }).click();
        await connectWithSandbox(hostPage, ui, 'carol');
        credentialId = (await storedState(user)).integrations.sandbox!.allCredentials[0]!.id;
      }
      if (sample.meta.run === 'with-account') {
        const response = await fetch(`${CONNECT_URL}/projects/${PROJECT_ID}/sdk/credentials`, {
          method: 'POST',
          headers: { authorization: `Bearer ${await signDemoToken(user)}`, 'content-type': 'application/json' },
          body: JSON.stringify({ integrationId: CRM_INTEGRATION_ID, payload: { API_KEY: 'acme_live_docs' } }),
        });
        expect(response.status).toBeLessThan(300);
      }
      const page = await browser.newPage();
      try {
        const logs: string[] = [];
        const errors: string[] = [];
        page.on('console', (message) => (message.type() === 'error' ? errors : logs).push(message.text()));
        page.on('pageerror', (error) => errors.push(error.message));
        const userToken = await signDemoToken(user);
        await page.route(`${HOST_ORIGIN}/docs-sample`, (route) =>
          route.fulfill({ contentType: 'text/html', body: samplePage(sample, userToken, credentialId) }),
        );
        await page.route(`${HOST_ORIGIN}/docs-sdk/*.js`, async (route) =>
          route.fulfill({
            contentType: 'text/javascript',
            body: await readFile(`dist/host-bridge/${new URL(route.request().url()).pathname.split('/').pop()}`, 'utf8'),
          }),
        );
        await page.goto(`${HOST_ORIGIN}/docs-sample`);
        if (sample.meta.run === 'close-portal') {
          await expect(page.frameLocator('iframe[title="Connect Portal"]').getByRole('dialog')).toBeVisible();
          await page.keyboard.press('Escape');
        }
        await expect.poll(() => page.evaluate(() => (window as { sampleOutcome?: string }).sampleOutcome)).toBe('ok');
        await RESULTS.find((candidate) => sample.code.includes(candidate.sample))?.check(page, logs, user);
        for (const printed of printedByComment(sample)) expect(logs).toContain(printed);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
