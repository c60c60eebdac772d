/**
 * The app both sides render: on the server (entry-server.tsx) into the page's HTML, in the browser
 * (entry-client.tsx) hydrating that HTML. So the first render may read nothing that only one side
 * has: the session is fetched in an effect, which runs in the browser only, and the element is in
 * the markup from the start, paired with its `paragon` once the session is there.
 *
 * Importing the client here runs these modules on the server too: `@connect-portal/client` and
 * `/element` touch no browser global until called, and `/portal` resolves, under Node's "node"
 * export condition, to a module that defines nothing when there is no DOM.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createParagon, paragon, SDK_EVENTS, type SdkEventName } from '@connect-portal/client';
import { elementEmbedding } from '@connect-portal/client/element';
import '@connect-portal/client/portal';
import type {} from '@connect-portal/client/jsx';
import { describe, type Session } from '../../shared/describe';

function InlinePortal({ session, log }: { session?: Session; log: (line: string) => void }) {
  const element = useRef<HTMLElementTagNameMap['paragon-connect-portal']>(null);
  useEffect(() => {
    if (!session) return;
    const inline = createParagon({ connectUrl: session.connectUrl, embedding: elementEmbedding(element.current) });
    for (const name of SDK_EVENTS) inline.subscribe(name as SdkEventName, (payload) => log(describe(name, payload as never)));
    inline.authenticate(session.projectId, session.token).catch((error: Error) => log(`error ${error.message}`));
    return () => void inline.destroy();
  }, [session, log]);
  // Rendered on the server as attributes, which the element reads when the browser defines it.
  return <paragon-connect-portal ref={element} display="inline" integration="crm" theme="light" />;
}

export function App() {
  const [session, setSession] = useState<Session>();
  const [shown, setShown] = useState(true);
  const [lines, setLines] = useState<string[]>([]);
  const log = useCallback((line: string) => setLines((all) => [...all, line]), []);
  useEffect(() => {
    const user = new URLSearchParams(location.search).get('user') ?? 'ssr-user';
    void fetch(`/api/session?user=${encodeURIComponent(user)}`)
      .then((response) => response.json() as Promise<Session>)
      .then(async (next) => {
        paragon.configureGlobal({ host: next.connectUrl });
        await paragon.authenticate(next.projectId, next.token);
        setSession(next);
      });
  }, []);
  return (
    <main>
      <h1>Server-rendered React host</h1>
      <p id="status">{session ? 'Connected to the Connect server.' : 'Starting…'}</p>
      <button type="button" onClick={() => setShown((now) => !now)}>
        {shown ? 'Close portal' : 'Open portal'}
      </button>
      {shown && <InlinePortal session={session} log={log} />}
      <ol id="log">
        {lines.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ol>
    </main>
  );
}
