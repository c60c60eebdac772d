/**
 * A worker that makes one of each formatter the portal uses and ends: the framed page starts it
 * as it loads (`warmLocaleDataInWorker`), so that the browser's locale data is loaded on another
 * thread while the page runs its script and waits for the session.
 */
new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(0);
new Intl.NumberFormat().format(0);
new Intl.ListFormat(undefined, { type: 'conjunction' }).format(['a', 'b']);
close();
