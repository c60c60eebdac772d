import { expect } from '@open-wc/testing';
import { connect, PortMessenger } from 'penpal';
import { RPC_CHANNEL, type PortalMethods } from '../../../protocol/src/rpc.js';
import { serveHost, type PortalController } from './serve-host.js';

/** A host on one end of a MessageChannel, the portal's dispatcher on the other. */
async function pair(controller: Partial<PortalController>) {
  const calls: string[] = [];
  const recording: PortalController = {
    authenticate: async (session) => (calls.push(`authenticate ${session.projectId}`), { authenticated: false }),
    open: async (request) => void calls.push(`open ${request.integrationType}`),
    close: () => void calls.push('close'),
    attachHost: () => undefined,
    ...controller,
  };
  const { port1, port2 } = new MessageChannel();
  serveHost(new PortMessenger({ port: port2 }), recording);
  const host = await connect<PortalMethods>({ messenger: new PortMessenger({ port: port1 }), channel: RPC_CHANNEL, timeout: 2000 })
    .promise;
  return { host, calls };
}

describe('serveHost (the portal side of the bridge)', () => {
  it('validates arguments on receipt and answers with a code, never a stack', async () => {
    const { host, calls } = await pair({});
    const bad = [
      await host.authenticate({ projectId: 5, token: 't', connectUrl: 'http://c.test' } as never),
      await host.authenticate({ projectId: 'p', token: '', connectUrl: 'http://c.test' } as never),
      await host.authenticate({ projectId: 'p', token: 't', connectUrl: 'javascript:alert(1)' } as never),
      await host.open({ integrationType: ['crm'] } as never),
      await host.open(null as never),
    ];
    for (const result of bad) {
      expect(result.ok).to.equal(false);
      expect(result).to.have.nested.property('error.code', 'invalid_argument');
      expect(result).not.to.have.nested.property('error.stack');
    }
    expect(calls).to.deep.equal([]);
  });

  it('passes valid calls through', async () => {
    const { host, calls } = await pair({});
    expect(await host.authenticate({ projectId: 'p1', token: 't', connectUrl: 'http://c.test' })).to.deep.equal({
      ok: true,
      value: { authenticated: false },
    });
    expect(await host.open({ integrationType: 'crm' })).to.deep.equal({ ok: true, value: null });
    expect(calls).to.deep.equal(['authenticate p1', 'open crm']);
  });

  it('hides internal errors behind a generic message', async () => {
    const { host } = await pair({ open: async () => Promise.reject(new TypeError('secret internals at line 42')) });
    const result = await host.open({ integrationType: 'crm' });
    expect(result).to.deep.equal({
      ok: false,
      error: { name: 'ConnectError', code: 'internal_error', message: 'Internal error in the Connect Portal.' },
    });
  });

  it('answers METHOD_NOT_FOUND for inherited names, and is not polluted by payloads', async () => {
    const { host, calls } = await pair({});
    // penpal's remote proxy makes a caller for any name; the portal side must refuse them all.
    const remote = host as unknown as Record<string, () => Promise<unknown>>;
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const error = (await remote[name]!().then(() => null, (reason: { code?: string }) => reason)) as { code?: string } | null;
      expect(error?.code, name).to.equal('METHOD_NOT_FOUND');
    }
    await host.open(JSON.parse('{"integrationType":"crm","__proto__":{"polluted":1}}'));
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(calls).to.deep.equal(['open crm']);
  });
});
