/**
 * A React 19 host: `<paragon-connect-portal>` rendered by React (properties set by React 19),
 * paired with its own `paragon` instance in an effect that tears it down on unmount, whose
 * `subscribe` tells the app what the user did; and the ready-made `paragon` in frame mode.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createParagon, paragon, SDK_EVENTS, type Paragon, type SdkEventName } from '@connect-portal/client';
import { elementEmbedding } from '@connect-portal/client/element';
import '@connect-portal/client/portal';
import type {} from '@connect-portal/client/jsx';
import { describe, type Session } from '../../shared/describe';

function InlinePortal({ session, log }: { session: Session; log: (line: string) => void }) {
  const element = useRef<HTMLElementTagNameMap['paragon-connect-portal']>(null);
  useEffect(() => {
    const inline: Paragon = createParagon({ connectUrl: session.connectUrl, embedding: elementEmbedding(element.current) });
    for (const name of SDK_EVENTS) inline.subscribe(name as SdkEventName, (payload) => log(describe(name, payload as never)));
    inline.authenticate(session.projectId, session.token).catch((error: Error) => log(`error ${error.message}`));
    return () => void inline.destroy();
  }, [session, log]);
  return <paragon-connect-portal ref={element} display="inline" integration="crm" theme="light" />;
}

function App() {
  const [session, setSession] = useState<Session>();
  const [shown, setShown] = useState(true);
  const [lines, setLines] = useState<string[]>([]);
  const log = useCallback((line: string) => setLines((all) => [...all, line]), []);
  useEffect(() => {
    const user = new URLSearchParams(location.search).get('user') ?? 'react-user';
    void fetch(`/api/session?user=${encodeURIComponent(user)}`)
      .then((response) => response.json() as Promise<Session>)
      .then(async (next) => {
        paragon.configureGlobal({ host: next.connectUrl });
        await paragon.authenticate(next.projectId, next.token);
        setSession(next);
      });
  }, []);
  if (!session) return <p>Starting…</p>;
  return (
    <main>
      <h1>React host</h1>
      <p id="status">Connected to the Connect server.</p>
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

createRoot(document.getElementById('root')!).render(<App />);
