// For working on the UI: serves the bundle in dist/ (npm run build) and passes /api/ requests to a
// running Chaintrail server, e.g. `node scripts/dev.mjs http://127.0.0.1:8080 5173`.
import { createServer, request } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const api = new URL(process.argv[2] ?? 'http://127.0.0.1:8080');
const port = Number(process.argv[3] ?? 5173);
const types = { html: 'text/html', js: 'text/javascript', css: 'text/css', txt: 'text/plain' };

createServer(async (req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path.startsWith('/api/')) {
    const upstream = request({ host: api.hostname, port: api.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => { res.writeHead(answer.statusCode, answer.headers); answer.pipe(res); });
    upstream.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
    req.pipe(upstream);
    return;
  }
  const file = path === '/' ? 'index.html' : path.replace(/^\/ui\//, '');
  try {
    const body = await readFile(join(dist, file.replace(/[/\\]/g, '')));
    res.writeHead(200, { 'Content-Type': types[file.split('.').pop()] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`UI on http://127.0.0.1:${port}/, API from ${api}`));
