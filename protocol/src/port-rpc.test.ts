import { expect } from '@open-wc/testing';
import { ConnectError } from './errors.js';
import { methodTable, openPort, WIRE, type PortEnd } from './port-rpc.js';

/** Two ends of one MessageChannel: `caller` calls, `served` serves `methods`. */
function channel(methods: Record<string, (...args: never[]) => unknown>) {
  const { port1, port2 } = new MessageChannel();
  let closedServed = false;
  const served = openPort(port2, methodTable(methods), () => (closedServed = true));
  const caller = openPort(port1, methodTable({}));
  return { caller, served, port1, port2, closedServed: () => closedServed };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => Promise.reject(new Error('expected a rejection')),
    (error: ConnectError) => error,
  );

describe('port-rpc (the bridge wire)', () => {
  it('calls a method of the other end with its arguments and resolves with its answer', async () => {
    const { caller } = channel({ add: (a: number, b: number) => a + b, later: async (text: string) => `${text}!` });
    expect(await caller.call('add', [2, 3])).to.equal(5);
    expect(await caller.call('later', ['done'])).to.equal('done!');
  });

  it('rejects with the error the method threw, as { name, code, message, field } without a stack', async () => {
    const { caller } = channel({
      refuse: () => {
        throw new ConnectError('invalid_argument', 'theme must be "light", "dark" or "auto".', 'theme');
      },
    });
    const error = await failure(caller.call('refuse'));
    expect(error).to.be.instanceOf(ConnectError);
    expect({ code: error.code, message: error.message, field: error.field }).to.deep.equal({
      code: 'invalid_argument',
      message: 'theme must be "light", "dark" or "auto".',
      field: 'theme',
    });
    expect(error.stack ?? '').not.to.contain('refuse');
  });

  it('hides an unexpected error behind a generic message', async () => {
    const { caller } = channel({ crash: () => Promise.reject(new TypeError('secret internals at line 42')) });
    const error = await failure(caller.call('crash'));
    expect([error.code, error.message]).to.deep.equal(['internal_error', 'Internal error in the Connect Portal.']);
  });

  it('names only listed methods: inherited names and unknown ones are refused', async () => {
    const { caller } = channel({ open: () => 'opened' });
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', 'missing']) {
      const error = await failure(caller.call(name));
      expect([error.code, error.message], name).to.deep.equal(['invalid_argument', `There is no method "${name}".`]);
    }
  });

  it('is not polluted by a payload carrying __proto__', async () => {
    const { caller } = channel({ echo: (value: Record<string, unknown>) => Object.keys(value) });
    expect(await caller.call('echo', [JSON.parse('{"a":1,"__proto__":{"polluted":1}}')])).to.deep.equal(['a', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('gives up on a call left unanswered after its timeout, with a message naming the method', async () => {
    const { caller } = channel({ hang: () => new Promise(() => undefined) });
    const started = performance.now();
    const error = await failure(caller.call('hang', [], 100));
    expect(error.code).to.equal('timeout');
    expect(error.message).to.contain('"hang"');
    expect(performance.now() - started).to.be.within(90, 1000);
  });

  it('on close, rejects the calls still waiting and every later call with not_connected', async () => {
    const { caller } = channel({ hang: () => new Promise(() => undefined) });
    const waiting = failure(caller.call('hang'));
    caller.close();
    expect((await waiting).code).to.equal('not_connected');
    expect((await failure(caller.call('hang'))).code).to.equal('not_connected');
  });

  it('ignores messages not on the wire: another version, or not a message at all', async () => {
    let calls = 0;
    const { port1 } = channel({ count: () => ++calls });
    const answers: unknown[] = [];
    port1.onmessage = ({ data }) => answers.push(data);
    for (const message of [null, 'count', { m: 'count', i: 1 }, { w: 'paragon-connect/v0', m: 'count', i: 2 }]) port1.postMessage(message);
    port1.postMessage({ w: WIRE, m: 'count', i: 3 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).to.equal(1);
    expect(answers).to.deep.equal([{ w: WIRE, i: 3, r: 1 }]);
  });

  it('notify calls without an answer', async () => {
    const seen: string[] = [];
    const { caller } = channel({ note: (text: string) => void seen.push(text) });
    caller.notify('note', ['one']);
    caller.notify('missing');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).to.deep.equal(['one']);
  });

  it('keeps the two directions apart: each end serves only its own table', async () => {
    const { port1, port2 } = new MessageChannel();
    const portal: PortEnd = openPort(port2, methodTable({ whoami: () => 'portal' }));
    const host: PortEnd = openPort(port1, methodTable({ whoami: () => 'host' }));
    expect([await host.call('whoami'), await portal.call('whoami')]).to.deep.equal(['portal', 'host']);
  });
});
