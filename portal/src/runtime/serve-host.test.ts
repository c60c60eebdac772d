import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import '../define.js';
import { ConnectPortal } from '../connect-portal/connect-portal.js';
import type { ConnectError } from '../../../protocol/src/errors.js';
import { methodTable, openPort, WIRE, type PortEnd } from '../../../protocol/src/port-rpc.js';
import { serveHost, type HostHandle, type PortalController } from './serve-host.js';

/** A recording controller served on one end of a MessageChannel, and a host bridge's end on the other. */
async function pair(overrides: Partial<PortalController> = {}) {
  const calls: string[] = [];
  let host: HostHandle | undefined;
  const controller: PortalController = {
    authenticate: async (session) => (calls.push(`authenticate ${session.projectId}`), { user: { authenticated: false }, integrations: [] }),
    open: async (request) => void calls.push(`open ${request.integrationType ?? 'catalog'}`),
    close: () => void calls.push('close'),
    configure: (settings) => void calls.push(`configure ${JSON.stringify(settings)}`),
    sdk: async (method, args) => (calls.push(`sdk ${method} ${JSON.stringify(args)}`), 'answered'),
    signInClosed: () => void calls.push('signInClosed'),
    attachHost: (handle) => (host = handle),
    ...overrides,
  };
  const { port1, port2 } = new MessageChannel();
  let bridge!: PortEnd;
  const ready = new Promise<void>((resolve) => (bridge = openPort(port1, methodTable({ ready: () => resolve() }))));
  const served = serveHost(port2, controller);
  await ready;
  return { bridge, served, calls, host: () => host };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => Promise.reject(new Error('expected a rejection')),
    (error: ConnectError) => error,
  );

describe('serveHost (the portal side of the bridge)', () => {
  it('says ready, and attaches a handle on the host until the port closes', async () => {
    const { served, host } = await pair();
    expect(host()).to.have.keys(['ready', 'emit', 'setState', 'loadOptions', 'signIn', 'installFlow', 'resize']);
    served.close();
    expect(host()).to.equal(undefined);
  });

  it('validates every argument on receipt: invalid_argument naming the problem, and the controller never called', async () => {
    const { bridge, calls } = await pair();
    const bad: [string, unknown[], RegExp][] = [
      ['authenticate', [{ projectId: 5, token: 't', connectUrl: 'http://c.test' }], /projectId/],
      ['authenticate', [{ projectId: 'p', token: '', connectUrl: 'http://c.test' }], /token/],
      ['authenticate', [{ projectId: 'p', token: 't', connectUrl: 'javascript:alert(1)' }], /connectUrl/],
      ['open', [{ integrationType: ['crm'] }], /integrationType/],
      ['open', [null], /open expects/],
      ['open', [{ install: 'yes' }], /install/],
      ['configure', [{ theme: 'neon' }], /theme/],
      ['configure', [{ headless: 'yes' }], /headless/],
      ['configure', [{ dropdowns: ['teams'] }], /dropdowns/],
      ['configure', [{ dropdowns: { crm: [''] } }], /dropdowns/],
      ['open', [{ integrationType: 'crm', install: { finish: true } }], /selectedCredentialId/],
      ['sdk', [42, []], /sdk expects/],
      ['sdk', ['enableWorkflow', 'wf-a'], /sdk expects/],
    ];
    for (const [method, args, message] of bad) {
      const error = await failure(bridge.call(method, args));
      expect(error.code, `${method} ${JSON.stringify(args)}`).to.equal('invalid_argument');
      expect(error.message).to.match(message);
    }
    expect(calls).to.deep.equal([]);
  });

  it('passes valid calls through and answers them', async () => {
    const { bridge, calls } = await pair();
    expect(await bridge.call('authenticate', [{ projectId: 'p1', token: 't', connectUrl: 'http://c.test' }])).to.deep.equal({
      user: { authenticated: false },
      integrations: [],
    });
    expect(await bridge.call('open', [{ integrationType: 'crm' }])).to.equal(null);
    expect(await bridge.call('open', [{}])).to.equal(null);
    expect(await bridge.call('configure', [{ theme: 'dark', dropdowns: { '': ['teams'], crm: ['owners'] } }])).to.equal(null);
    expect(await bridge.call('sdk', ['enableWorkflow', ['wf-a']])).to.equal('answered');
    expect(await bridge.call('close')).to.equal(null);
    expect(calls).to.deep.equal([
      'authenticate p1',
      'open crm',
      'open catalog',
      'configure {"theme":"dark","dropdowns":{"":["teams"],"crm":["owners"]}}',
      'sdk enableWorkflow ["wf-a"]',
      'close',
    ]);
  });

  it('serves only the portal methods: the host methods and inherited names are not callable', async () => {
    const { bridge } = await pair();
    for (const name of ['emit', 'setState', 'attachHost', 'constructor', '__proto__']) {
      expect((await failure(bridge.call(name))).message).to.equal(`There is no method "${name}".`);
    }
  });
});

describe('serveHost under fuzzed messages (security case 3)', () => {
  it('answers 10,000 random messages with well-formed replies only: nothing thrown, nothing polluted, no internal error', async () => {
    const element = new ConnectPortal();
    element.display = 'inline';
    await fixture(html`<div>${element}</div>`);
    const { port1, port2 } = new MessageChannel();
    serveHost(port2, element);
    const replies: { w?: unknown; i?: unknown; r?: unknown; e?: { code: string } }[] = [];
    // The portal's own calls to the host (`ready`) are not answers.
    port1.onmessage = ({ data }: MessageEvent<(typeof replies)[number] & { m?: string }>) => void (data.m === undefined && replies.push(data));
    const escaped: unknown[] = [];
    const onError = (event: ErrorEvent | PromiseRejectionEvent) => escaped.push('reason' in event ? event.reason : event.error);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);

    const names = [
      'authenticate',
      'open',
      'close',
      'configure',
      'sdk',
      'signInClosed',
      'ready',
      'emit',
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
    ];
    const call = fc.record(
      {
        w: fc.constantFrom(WIRE, WIRE, 'paragon-connect/v0', 42),
        i: fc.integer({ min: 1, max: 1_000_000 }),
        m: fc.oneof(fc.constantFrom(...names), fc.string()),
        a: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.jsonValue()),
      },
      { requiredKeys: ['w', 'i', 'm'] },
    );
    const handWritten = [
      { w: WIRE, i: 1, m: 'constructor', a: [] },
      { w: WIRE, i: 2, m: '__proto__', a: [] },
      { w: WIRE, i: 3, m: 'open', a: [JSON.parse('{"__proto__":{"polluted":1},"integrationType":"crm"}')] },
      { w: WIRE, i: 4, m: 'configure', a: [JSON.parse('{"__proto__":{"polluted":1},"dropdowns":{"__proto__":["x"]}}')] },
      { w: WIRE, i: 5, m: 'sdk', a: ['constructor', []] },
      { w: WIRE, i: 6, m: 'sdk', a: ['__proto__', [{ polluted: 1 }]] },
    ];
    const messages = [
      ...handWritten,
      ...fc.sample(fc.oneof({ weight: 9, arbitrary: call }, { weight: 1, arbitrary: fc.jsonValue() }), { numRuns: 10_000, seed: 20261123 }),
    ];
    const expected = messages.filter(
      (message) =>
        typeof message === 'object' &&
        message !== null &&
        (message as { w?: unknown }).w === WIRE &&
        typeof (message as { m?: unknown }).m === 'string',
    ).length;
    for (const message of messages) port1.postMessage(message);
    await waitUntil(() => replies.length >= expected, `${replies.length} of ${expected} answered`, { timeout: 20_000 });

    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
    expect(escaped).to.deep.equal([]);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(replies.every((reply) => reply.w === WIRE && typeof reply.i === 'number' && ('r' in reply || 'e' in reply))).to.equal(true);
    expect(replies.filter((reply) => reply.e?.code === 'internal_error')).to.deep.equal([]);
    for (const id of [1, 2, 5, 6]) expect(replies.find((reply) => reply.i === id)?.e?.code, `message ${id}`).to.equal('invalid_argument');
    element.remove();
  });
});
