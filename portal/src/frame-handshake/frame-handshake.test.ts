import { expect } from '@open-wc/testing';
import { WIRE } from '../../../protocol/src/port-rpc.js';
import { handshakePort, originLogger } from './frame-handshake.js';

const HOST = 'https://host.test';
const parent = window; // stands for the frame's parent window
const context = { parent, allowedOrigins: [HOST] };

/** A message event as the browser would deliver it. */
function message(overrides: { data?: unknown; origin?: string; source?: MessageEventSource | null; withPort?: boolean } = {}) {
  const { port1 } = new MessageChannel();
  const { data = { w: WIRE, type: 'connect' }, origin = HOST, source = parent, withPort = true } = overrides;
  return { data, origin, source, ports: withPort ? [port1] : [] };
}

describe('frame handshake: which message pairs the framed portal', () => {
  it('takes the port of a connect from the parent window, sent by an allowed origin', () => {
    const event = message();
    expect(handshakePort(event, context)).to.equal(event.ports[0]);
  });

  it('ignores unregistered, null and look-alike origins (security case 1)', () => {
    for (const origin of [
      'https://evil.test',
      'null',
      'https://host.test.evil.test',
      'https://hostXtest',
      'https://host.test:443',
      'http://host.test',
      'HTTPS://HOST.TEST',
      'https://host.tes',
      '',
    ]) {
      expect(handshakePort(message({ origin }), context), origin).to.equal(undefined);
    }
  });

  it('ignores the right origin from another window, such as a second frame of the host (security case 2)', () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    try {
      expect(handshakePort(message({ source: frame.contentWindow }), context)).to.equal(undefined);
      expect(handshakePort(message({ source: null }), { ...context, parent: null })).to.equal(undefined);
    } finally {
      frame.remove();
    }
  });

  it('ignores messages that are not a connect of this wire version, or carry no port', () => {
    const notHandshakes = [
      { w: 'paragon-connect/v2', type: 'connect' },
      { w: WIRE, type: 'CONNECT' },
      { w: WIRE, m: 'open', a: [{ integrationType: 'crm' }] },
      { namespace: 'penpal', channel: WIRE, type: 'SYN', participantId: 'x' },
      { namespace: 'penpal', channel: WIRE, type: 'DESTROY' },
      JSON.parse('{"__proto__":{"w":"paragon-connect/v1","type":"connect"}}'),
      'connect',
      null,
    ];
    for (const data of notHandshakes) expect(handshakePort(message({ data }), context), JSON.stringify(data)).to.equal(undefined);
    expect(handshakePort(message({ withPort: false }), context)).to.equal(undefined);
  });

  it('logs a rejected origin once, never an allowed one, and stops after 20 origins', () => {
    const lines: string[] = [];
    const rejected = originLogger([HOST], (line) => lines.push(line));
    rejected('https://evil.test');
    rejected('https://evil.test');
    rejected(HOST);
    expect(lines).to.deep.equal([
      "[paragon] origin_rejected: ignored a message from https://evil.test, which is not among this project's allowedOrigins.",
    ]);
    for (let index = 0; index < 50; index += 1) rejected(`https://spam${index}.test`);
    expect(lines).to.have.length(20);
  });
});
