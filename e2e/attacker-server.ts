/** Serves the attacker's pages (e2e/pages) on a third origin, for the origin-check tests. */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { basename } from 'node:path';

const port = Number(process.argv[2] ?? 4600);

createServer(async (request, response) => {
  const name = basename(new URL(request.url ?? '/', 'http://x').pathname);
  try {
    const body = await readFile(`e2e/pages/${name}`);
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
  } catch {
    response.writeHead(404).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`attacker pages on http://127.0.0.1:${port}`));
