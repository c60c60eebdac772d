/**
 * Integration metadata that attacks the portal (security case 21): markup and script in every
 * text, an icon on a server that is not the Connect server, and every text at the longest the
 * config schema allows. The component server (component-server.ts) serves it as the project
 * `hostile-project`; the test that renders it (portal/src/connect-portal/hostile-metadata.test.ts)
 * imports it to know what to expect. Plain data, so that both a Node process and a test page can
 * load it.
 */

export const HOSTILE_PROJECT_ID = 'hostile-project';

/** Markup that runs script if a portal ever renders text as HTML. */
export const HOSTILE = {
  name: '<img src=x onerror=alert(1)>',
  script: '<script>alert(1)</script>',
  /** An icon on a server that is not the Connect server: the portal must never fetch it. */
  foreignIcon: 'https://evil.test/logo.png',
  /** An icon the Connect server serves (`/portal/` is its static folder here, the data dir). */
  ownIcon: '/portal/icon.svg',
  docs: 'https://docs.example.test/hostile',
};

/** `start` then `W`s up to `length` characters: a word no line break can split. */
export const unbroken = (start: string, length: number) => start + 'W'.repeat(length - start.length);

/** `start` then words up to `length` characters. */
export const spaced = (start: string, length: number) => (start + ' lorem ipsum'.repeat(Math.ceil(length / 12))).slice(0, length);

/**
 * An integration whose every text is markup at the longest the schema allows, made of `text`
 * (`unbroken` or `spaced`). The schema caps the description at 300 characters (it refuses a
 * 1 MB one) and takes only https documentation links, so those are at their worst allowed.
 */
function hostileIntegration(type: string, text: typeof unbroken, icon: string) {
  return {
    id: `int-${type}`,
    type,
    name: HOSTILE.name,
    icon,
    brandColor: '#c92a2a',
    shortDescription: text(HOSTILE.script, 300),
    longDescription: text(HOSTILE.script, 10_000),
    auth: {
      scheme: 'api_key',
      inputs: [{ id: 'API_KEY', type: 'PASSWORD', title: text(HOSTILE.name, 200), placeholder: text(HOSTILE.name, 200) }],
      instructions: {
        content: text(HOSTILE.script, 10_000),
        ctas: [{ type: 'link', label: text(HOSTILE.script, 100), href: HOSTILE.docs }],
      },
    },
    userSettings: [
      {
        id: 'hostile_text',
        type: 'TEXT_NO_VARS',
        title: text(HOSTILE.name, 200),
        subtitle: text(HOSTILE.script, 1000),
        tooltip: text(HOSTILE.script, 2000),
        placeholder: text(HOSTILE.name, 200),
        documentationLink: HOSTILE.docs,
        documentationLinkLabel: text(HOSTILE.script, 200),
        required: false,
      },
      {
        id: 'hostile_enum',
        type: 'ENUM',
        title: HOSTILE.script,
        required: false,
        values: [{ value: 'x', label: text(HOSTILE.name, 1000) }],
      },
      {
        id: 'hostile_scopes',
        type: 'PERMISSION',
        title: HOSTILE.name,
        required: false,
        scopes: [{ name: text('scope', 200), description: text(HOSTILE.script, 1000) }],
      },
    ],
    workflows: [{ id: 'wf-hostile', description: text(HOSTILE.name, 200), infoText: text(HOSTILE.script, 1000) }],
  };
}

/** The hostile project (see the module comment), beside one plain integration to compare layouts with. */
export function hostileProject(origin: string) {
  return {
    id: HOSTILE_PROJECT_ID,
    name: 'Hostile metadata',
    allowedOrigins: [origin],
    signingKeys: [{ kid: 'component', publicKeyFile: 'component.public.pem' }],
    integrations: [
      hostileIntegration('unbroken', unbroken, HOSTILE.foreignIcon),
      hostileIntegration('spaced', spaced, HOSTILE.ownIcon),
      {
        id: 'int-plain',
        type: 'plain',
        name: 'Plain',
        brandColor: '#3b5bdb',
        shortDescription: 'An ordinary integration.',
        auth: { scheme: 'api_key', inputs: [{ id: 'API_KEY', type: 'PASSWORD', title: 'API key' }] },
        userSettings: [{ id: 'note', type: 'TEXT_NO_VARS', title: 'Note', required: false }],
        workflows: [{ id: 'wf-plain', description: 'Sync' }],
      },
    ],
  };
}

/**
 * Documentation links that would run script, load a document of their own, or leave https. The
 * config schema refuses every one (server/test/config.test.ts), so a portal meets them only from
 * a server that does not check: the field tests hand them straight to each field
 * (portal/src/test/field-suite.ts).
 */
export const UNSAFE_LINKS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.test/docs',
  'http://evil.test/docs',
];
